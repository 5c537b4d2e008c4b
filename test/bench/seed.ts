import { randomBytes } from "node:crypto";
import { clientAddressOf } from "../client-address";
import { expectCall, inBatches } from "./client";

export interface Plan {
  events: number;
  attendees: number;
  concurrency: number;
  floorRequests: number;
  listRequests: number;
  /** Distinct attendees booking the hot event, whose capacity lets all of them in. */
  hotBuyers: number;
  /** Live viewers watching the second hot sale. */
  viewers: number;
  /** Seats of the waitlist sale; ten times as many attendees compete for them. */
  waitlistSeats: number;
  spreadEvents: number;
  spreadBookings: number;
  stormRequests: number;
  /** Orders of 1 to 4 seats on one hot event, whose capacity lets all of them in. */
  seatOrders: number;
  /** Holds of 1 to 4 seats on one event, each confirmed in the next phase. */
  holdOrders: number;
}

export interface Attendee {
  id: string;
  token: string;
}

export interface Seed {
  organizerToken: string;
  hot: string;
  waitlist: string;
  storm: string;
  spread: string[];
  /** An event no phase measures, booked during the warm-up. */
  spare: string;
  /** A second hot event, sold while live viewers watch it. */
  watched: string;
  seats: string;
  holds: string;
  /** An event sold as three ticket types, in orders of one to three of them. */
  typed: string;
  typeIds: string[];
  attendees: Attendee[];
}

const COUNTRIES = ["FR", "DE", "US", "GB", "ES", "JP", "BR", "CA"];
const DAY_MS = 24 * 60 * 60 * 1000;

/** Seats of order `index`: 1 to 4, 2.5 on average. */
export const seatsOfOrder = (index: number) => (index % 4) + 1;

/**
 * Lines of typed order `index`: one to three types, with the seats of the seats phase's
 * order `index` spread over them, so both phases sell the same seats.
 */
export const linesOfOrder = (index: number, typeIds: readonly string[]) => {
  const seats = seatsOfOrder(index);
  const count = Math.min(seats, (index % 3) + 1);
  return Array.from({ length: count }, (_, n) => ({
    ticketTypeId: typeIds[(index + n) % typeIds.length] as string,
    quantity: Math.floor(seats / count) + (n < seats % count ? 1 : 0),
  }));
};

/**
 * Event 0 is the hot one, 1 the waitlist sale, 2 the duplicate storm, then the spread
 * ones, the spare, the watched one, the one sold in orders of several seats, the one
 * sold in holds and the one sold as three ticket types.
 */
const eventBody = (index: number, plan: Plan) => {
  const spreadCapacity = 2 * Math.ceil(plan.spreadBookings / plan.spreadEvents);
  const watched = index === 4 + plan.spreadEvents;
  const seated = 5 + plan.spreadEvents;
  const capacity =
    [2 * plan.hotBuyers, plan.waitlistSeats, 10][index] ??
    (index === seated || index === seated + 2
      ? 4 * plan.seatOrders
      : index === seated + 1
        ? 4 * plan.holdOrders
        : null) ??
    spreadCapacity;
  const start = Date.UTC(2030, 0, 1, 10) + index * DAY_MS;
  return {
    title: `Benchmark event ${index}`,
    description: "Seeded by the benchmark.",
    country: COUNTRIES[index % COUNTRIES.length],
    startDate: new Date(start).toISOString(),
    endDate: new Date(start + 8 * 60 * 60 * 1000).toISOString(),
    capacity: watched
      ? 2 * plan.hotBuyers
      : index < 3 + plan.spreadEvents || index >= seated
        ? capacity
        : 100,
    waitlistEnabled: index === 1,
  };
};

/** One organizer, the events and the attendees, all through the public API. */
export const seed = async (base: string, plan: Plan): Promise<Seed> => {
  if (plan.events < 8 + plan.spreadEvents) throw new Error("not enough events for the phases");
  const run = randomBytes(4).toString("hex");
  const organizer = await expectCall(201, base, "POST", "/api/auth/register", {
    body: {
      name: "Benchmark Organizer",
      email: `organizer-${run}@example.com`,
      password: `benchmark-${run}`,
    },
  });
  const token: string = organizer.token;
  const bodies = Array.from({ length: plan.events }, (_, i) => eventBody(i, plan));
  const events = await inBatches(bodies, 10, (body) =>
    expectCall<{ id: string }>(201, base, "POST", "/api/events", { token, body }),
  );
  const indexes = Array.from({ length: plan.attendees }, (_, i) => i);
  const attendees = await inBatches(indexes, 50, async (i) => {
    const answer = await expectCall(201, base, "POST", "/api/attendees", {
      body: { name: `Buyer ${i}`, email: `buyer-${i}-${run}@example.com` },
      address: clientAddressOf(i),
    });
    return { id: answer.attendee.id as string, token: answer.token as string };
  });
  const ids = events.map((event) => event.id);
  const typed = ids[7 + plan.spreadEvents] as string;
  // Three types inside its capacity, two with their own quota, as organizers sell them.
  const typeIds = [];
  for (const [n, quota] of [2 * plan.seatOrders, 2 * plan.seatOrders, null].entries()) {
    const type = await expectCall<{ id: string }>(
      201,
      base,
      "POST",
      `/api/events/${typed}/ticket-types`,
      {
        token,
        body: { name: `Type ${n}`, quota },
      },
    );
    typeIds.push(type.id);
  }
  return {
    organizerToken: token,
    hot: ids[0] as string,
    waitlist: ids[1] as string,
    storm: ids[2] as string,
    spread: ids.slice(3, 3 + plan.spreadEvents),
    spare: ids[3 + plan.spreadEvents] as string,
    watched: ids[4 + plan.spreadEvents] as string,
    seats: ids[5 + plan.spreadEvents] as string,
    holds: ids[6 + plan.spreadEvents] as string,
    typed,
    typeIds,
    attendees,
  };
};
