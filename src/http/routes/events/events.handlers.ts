import { queueOf, settingsOf } from "../../../admission/client";
import { presentBooking } from "../../../contracts/booking";
import { completeFields } from "../../../contracts/event";
import { listBookings } from "../../../db/bookings";
import { database } from "../../../db/client";
import { findEvent, insertEventOfOpenAccount, listEvents } from "../../../db/events";
import type { EventRow } from "../../../db/schema";
import { firstTypeOf } from "../../../domain/catalog";
import { holdMinutesOf } from "../../../domain/payment-terms";
import { callLedger, ledgerOf, unwrap } from "../../../ledger/client";
import { newId } from "../../../lib/ids";
import { errorText, log } from "../../../lib/logger";
import { pageOf } from "../../../lib/page";
import { problem } from "../../../lib/problem";
import { foldForSearch } from "../../../lib/search";
import { nowIso } from "../../../lib/time";
import { ownedEvent } from "../../access";
import { callerOf } from "../../auth";
import type { AppRouteHandler } from "../../router";
import { fromLedger, presentEvent } from "./events.present";
import type * as routes from "./events.routes";

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const input = c.req.valid("json");
  const now = nowIso();
  const row: EventRow = {
    ...completeFields(input),
    id: newId(),
    organizerId: callerOf(c).id,
    titleFolded: foldForSearch(input.title),
    holdMinutes: holdMinutesOf(input.holdMinutes, input.price),
    bookedCount: 0,
    heldSeats: 0,
    waitlistCount: 0,
    interestCount: 0,
    createdAt: now,
    updatedAt: now,
    ticketTypes: [
      firstTypeOf({
        typeId: newId(),
        price: input.price,
        createdAt: now,
      }),
    ],
  };

  const created = await insertEventOfOpenAccount(c.env.DB, row);
  if (!created) throw problem("unauthorized", "The account behind this token no longer exists.");
  // The ledger adopts the event now, so its reminder is scheduled from the start.
  const announce = created.followed;
  await callLedger(() => ledgerOf(c.env, row.id).adoptEvent(row.id, announce)).catch((error) =>
    log(c.env, "warn", "ledger not prepared; it will adopt the event on first use", {
      requestId: c.get("requestId"),
      eventId: row.id,
      error: String(error),
    }),
  );
  c.header("Location", `/api/events/${row.id}`);
  return c.json(presentEvent(row), 201);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const query = c.req.valid("query");
  const { rows, total } = await listEvents(database(c.env.DB), query);
  return c.json(pageOf(rows.map(presentEvent), query, total), 200);
};

export const get: AppRouteHandler<typeof routes.get> = async (c) => {
  const row = await findEvent(database(c.env.DB), c.req.valid("param").id);
  if (!row) throw problem("event_not_found", "No event has this id.");
  return c.json(presentEvent(row), 200);
};

/** The ledger applies the change: capacity rules and promotions are decided there. */
const update: AppRouteHandler<typeof routes.patch> = async (c) => {
  const row = await ownedEvent(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  const reply = await callLedger(() =>
    ledgerOf(c.env, row.id).updateEvent(row.id, c.req.valid("json")),
  );
  const { types, ...changed } = unwrap(reply);
  const event = fromLedger(changed, types, row);
  if (row.queueEnabled || event.queueEnabled) {
    // The queue paces its passes by these; it hears of them before anyone's next join.
    const told = queueOf(c.env, row.id).configure(settingsOf(event));
    c.executionCtx.waitUntil(
      told.catch((error) =>
        log(c.env, "warn", "queue not told of the event's change", {
          eventId: row.id,
          error: errorText(error),
        }),
      ),
    );
  }
  return c.json(presentEvent(event), 200);
};

export const patch = update;
export const put = update;

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  const row = await ownedEvent(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  await callLedger(() => ledgerOf(c.env, row.id).deleteEvent(row.id));
  return c.json({ message: "Event deleted" }, 200);
};

export const bookings: AppRouteHandler<typeof routes.bookings> = async (c) => {
  const db = database(c.env.DB);
  const row = await ownedEvent(db, callerOf(c), c.req.valid("param").id);
  const { status, paymentStatus, ...paging } = c.req.valid("query");
  const page = await listBookings(db, { eventId: row.id, status, paymentStatus }, paging);
  return c.json(pageOf(page.rows.map(presentBooking), paging, page.total), 200);
};
