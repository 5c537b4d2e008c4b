import type { PhaseSpec, Shot } from "./load";
import type { Plan, Seed } from "./seed";

const book = (seed: Seed, eventId: string, index: number): Shot => {
  const attendee = seed.attendees[index % seed.attendees.length];
  if (!attendee) throw new Error("no attendees seeded");
  return {
    method: "POST",
    path: "/api/bookings",
    token: attendee.token,
    body: { eventId, attendeeId: attendee.id },
    booking: { eventId, attendeeId: attendee.id },
  };
};

const health: Shot = { method: "GET", path: "/health" };
const list: Shot = { method: "GET", path: "/api/events?limit=20" };

/** The phases, in the order they run; the first is the floor every ratio refers to. */
export const phases = (seed: Seed, plan: Plan): PhaseSpec[] => [
  {
    name: "floor: GET /health",
    requests: plan.floorRequests,
    shot: () => health,
  },
  {
    name: "list: GET /api/events?limit=20",
    requests: plan.listRequests,
    shot: () => list,
  },
  {
    name: "flash sale: hot event, all confirm",
    requests: plan.hotBuyers,
    shot: (i) => book(seed, seed.hot, i),
    events: [seed.hot],
  },
  {
    name: `flash sale: hot event, ${plan.viewers} live viewers`,
    requests: plan.hotBuyers,
    shot: (i) => book(seed, seed.watched, i),
    events: [seed.watched],
    viewers: { eventId: seed.watched, count: plan.viewers },
  },
  {
    name: "flash sale: 10x buyers, waitlist",
    requests: plan.waitlistSeats * 10,
    shot: (i) => book(seed, seed.waitlist, i),
    events: [seed.waitlist],
  },
  {
    name: `spread: ${seed.spread.length} events`,
    requests: plan.spreadBookings,
    shot: (i) => book(seed, seed.spread[i % seed.spread.length] as string, i),
    events: seed.spread,
  },
  {
    name: "duplicate storm: 1 attendee",
    requests: plan.stormRequests,
    shot: () => book(seed, seed.storm, 0),
    expected: (status, code) => status === 409 && code === "already_booked",
    events: [seed.storm],
  },
];

/** Unmeasured requests on every path the phases take, on an event no phase measures. */
export const warmUps = (seed: Seed, plan: Plan): PhaseSpec[] => [
  { name: "warm-up", requests: Math.min(500, plan.floorRequests), shot: () => health },
  { name: "warm-up", requests: Math.min(200, plan.listRequests), shot: () => list },
  {
    name: "warm-up",
    requests: Math.min(100, plan.hotBuyers),
    shot: (i) => book(seed, seed.spare, i),
  },
];
