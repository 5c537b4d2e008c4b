import type { TicketType } from "../../src/contracts/catalog";
import { anyone, as, bodyOf, expectProblem, raw } from "../client";
import {
  type Attendee,
  createEvent,
  registerAttendee,
  registerAttendees,
  registerOrganizer,
} from "../helpers";

type Organizer = Awaited<ReturnType<typeof registerOrganizer>>;

/** A type as an organizer asks for it. */
export interface TypeInput {
  name: string;
  price?: number;
  quota?: number | null;
  hidden?: boolean;
  minPerBooking?: number;
  maxPerBooking?: number | null;
  salesStartAt?: string | null;
  salesEndAt?: string | null;
  position?: number;
}

export const addType = async (organizer: Organizer, eventId: string, input: TypeInput) =>
  bodyOf(
    await as(organizer.token).api.events[":id"]["ticket-types"].$post({
      param: { id: eventId },
      json: input,
    }),
    201,
  );

/**
 * An event sold as the given types (its first type, General admission, is deleted when
 * `types` are given), with its organizer.
 */
export const eventSelling = async <const T extends readonly TypeInput[]>(
  types: T,
  overrides: Parameters<typeof createEvent>[1] = {},
) => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, overrides);
  const added: TicketType[] = [];
  for (const type of types) added.push(await addType(organizer, event.id, type));
  if (added.length > 0) {
    const first = event.ticketTypes[0]?.id ?? "";
    await bodyOf(
      await as(organizer.token).api.events[":id"]["ticket-types"][":typeId"].$delete({
        param: { id: event.id, typeId: first },
      }),
      200,
    );
  }
  return { organizer, event, types: added as unknown as { [K in keyof T]: TicketType } };
};

export interface OrderBody {
  seats?: number;
  items?: { ticketTypeId: string; quantity: number }[];
  promoCode?: string;
  hold?: boolean;
}

/** The attendee's order, as they send it. */
export const order = (eventId: string, attendee: Attendee, body: OrderBody) =>
  as(attendee.token).api.bookings.$post({
    json: { eventId, attendeeId: attendee.id, ...body },
    header: {},
  });

/** The types the event lists to whoever holds `token` (nobody: no token), with a code maybe. */
export const typesOf = async (eventId: string, token?: string, promoCode?: string) => {
  const caller = token ? as(token) : anyone;
  const res = await caller.api.events[":id"]["ticket-types"].$get({
    param: { id: eventId },
    query: promoCode ? { promoCode } : {},
  });
  return (await bodyOf(res, 200)).data;
};

export const addCode = async (
  organizer: Organizer,
  eventId: string,
  input: {
    code: string;
    kind: "percent" | "amount" | "unlock";
    value?: number;
    ticketTypeIds?: string[];
    maxUses?: number | null;
    validFrom?: string | null;
    validUntil?: string | null;
  },
) =>
  bodyOf(
    await as(organizer.token).api.events[":id"]["promo-codes"].$post({
      param: { id: eventId },
      json: input,
    }),
    201,
  );

export const codesOf = async (organizer: Organizer, eventId: string) =>
  (
    await bodyOf(
      await as(organizer.token).api.events[":id"]["promo-codes"].$get({ param: { id: eventId } }),
      200,
    )
  ).data;

export { type Attendee, registerAttendee, registerAttendees };

/** A call as `raw` sends it: method, path, and a body when it has one. */
export type RawCall = [method: string, path: string, body?: unknown];

/**
 * Each call is only the event's organizer's: without a token 401, with an attendee's or
 * another organizer's token 403.
 */
export const expectOrganizerOnly = async (
  calls: readonly RawCall[],
  strangers: { attendee: { token: string }; organizer: { token: string } },
) => {
  for (const [method, path, body] of calls) {
    await expectProblem(await raw(method, path, { body }), 401, "unauthorized");
    for (const { token } of [strangers.attendee, strangers.organizer]) {
      await expectProblem(await raw(method, path, { body, token }), 403, "forbidden");
    }
  }
};
