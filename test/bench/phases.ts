import type { Booked, PhaseSpec, Shot } from "./load";
import { PART_PATH, type Part } from "./parts";
import { linesOfOrder, type Plan, type Seed, seatsOfOrder } from "./seed";

const attendeeOf = (seed: Seed, index: number) => {
  const attendee = seed.attendees[index % seed.attendees.length];
  if (!attendee) throw new Error("no attendees seeded");
  return attendee;
};

const book = (seed: Seed, eventId: string, index: number, order: object = {}): Shot => {
  const attendee = attendeeOf(seed, index);
  return {
    method: "POST",
    path: "/api/bookings",
    token: attendee.token,
    body: { eventId, attendeeId: attendee.id, ...order },
    booking: { eventId, attendeeId: attendee.id },
  };
};

/** Confirms hold `index` by its attendee; the holds come from the phase before. */
const confirm = (seed: Seed, holds: readonly Booked[], index: number): Shot => {
  const hold = holds[index % holds.length];
  if (!hold) throw new Error("no holds to confirm");
  const attendee = seed.attendees.find((a) => a.id === hold.attendeeId);
  return {
    method: "POST",
    path: `/api/bookings/${hold.bookingId}/confirm`,
    token: attendee?.token,
  };
};

/** A path no route serves: its 404 problem touches no storage, the runtime's own floor. */
const nothing: Shot = { method: "GET", path: "/no-such-page" };
const health: Shot = { method: "GET", path: "/health" };
const list: Shot = { method: "GET", path: "/api/events?limit=20" };

/** The floor measured again, just before the parts. */
export const FLOOR_AGAIN = "floor again, before the parts";

const floor = (plan: Plan): PhaseSpec => ({
  name: "floor: 404, no storage",
  requests: plan.floorRequests,
  shot: () => nothing,
  expected: (status, code) => status === 404 && code === "not_found",
});

/** The phases, in the order they run; the first is the floor every ratio refers to. */
export const phases = (seed: Seed, plan: Plan): PhaseSpec[] => {
  const holds: Booked[] = [];
  return [
    ...singleSeatPhases(seed, plan),
    ...seatPhases(seed, plan, holds),
    // The parts' own costs are taken against a floor measured next to them: the server's
    // CPU per request drifts over a run.
    { ...floor(plan), name: FLOOR_AGAIN },
    ...PARTS.map(({ name, part }) => ({
      name: `part: ${name}`,
      requests: plan.hotBuyers,
      shot: () => partShot(part),
    })),
  ];
};

/** A booking's parts, each alone (`parts.ts`), measured after the phases that book. */
export const PARTS: readonly { name: string; part: Part }[] = [
  { name: "a request answered without the app", part: "none" },
  { name: "a ledger call, nothing stored", part: "call" },
  { name: "a ledger call writing 2 rows", part: "write" },
  { name: "a D1 batch writing 1 row", part: "d1" },
  { name: "a queue message, sent and consumed", part: "queue" },
];

const partShot = (part: Part): Shot => ({ method: "POST", path: `${PART_PATH}${part}` });

/** Orders of several seats, and holds each confirmed by its attendee. */
const seatPhases = (seed: Seed, plan: Plan, holds: Booked[]): PhaseSpec[] => [
  {
    name: "seats: hot event, orders of 1-4 seats",
    requests: plan.seatOrders,
    shot: (i) => book(seed, seed.seats, i, { seats: seatsOfOrder(i) }),
    events: [seed.seats],
  },
  {
    name: "ticket types: hot event, orders of 1-3 types",
    requests: plan.seatOrders,
    shot: (i) => book(seed, seed.typed, i, { items: linesOfOrder(i, seed.typeIds) }),
    events: [seed.typed],
  },
  {
    name: "holds: orders of 1-4 seats held",
    requests: plan.holdOrders,
    shot: (i) => book(seed, seed.holds, i, { seats: seatsOfOrder(i), hold: true }),
    keep: (booked) => holds.push(...booked),
  },
  {
    name: "holds: each hold confirmed",
    requests: plan.holdOrders,
    shot: (i) => confirm(seed, holds, i),
    events: [seed.holds],
    earlier: () => holds,
  },
];

const singleSeatPhases = (seed: Seed, plan: Plan): PhaseSpec[] => [
  floor(plan),
  {
    name: "health: GET /health, one D1 query",
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
  {
    name: "warm-up",
    requests: Math.min(500, plan.floorRequests),
    shot: () => nothing,
    expected: (status) => status === 404,
  },
  { name: "warm-up", requests: Math.min(500, plan.floorRequests), shot: () => health },
  { name: "warm-up", requests: Math.min(200, plan.listRequests), shot: () => list },
  {
    name: "warm-up",
    requests: Math.min(100, plan.hotBuyers),
    shot: (i) => book(seed, seed.spare, i),
  },
  ...PARTS.map(({ part }) => ({
    name: "warm-up",
    requests: Math.min(100, plan.hotBuyers),
    shot: () => partShot(part),
  })),
];
