import { database } from "../../../db/client";
import { findEvent } from "../../../db/events";
import { callLedger, ledgerOf, unwrap } from "../../../ledger/client";
import { problem } from "../../../lib/problem";
import { ownedEvent } from "../../access";
import { authenticateToken, bearerToken, callerOf } from "../../auth";
import type { AppRouteHandler } from "../../router";
import { presentEvent } from "../events/events.present";
import type * as routes from "./catalog.routes";

/**
 * The types everyone sees come from D1's copy of the event; the organizer (with a token)
 * also sees the hidden ones, and a code shows those it unlocks, asked of the ledger.
 */
export const listTypes: AppRouteHandler<typeof routes.listTypes> = async (c) => {
  const { id } = c.req.valid("param");
  const { promoCode } = c.req.valid("query");
  const token = bearerToken(c.req.header("authorization"));
  const caller = token ? await authenticateToken(c.env, token) : null;
  const row = await findEvent(database(c.env.DB), id);
  if (!row) throw problem("event_not_found", "No event has this id.");
  const owner = caller?.kind === "organizer" && caller.id === row.organizerId;
  const unlocked = promoCode
    ? await callLedger(() => ledgerOf(c.env, id).unlockedTypes(id, promoCode))
    : null;
  if (!owner && !unlocked?.length) {
    return c.json({ data: presentEvent(row).ticketTypes }, 200);
  }
  const all = unwrap(await callLedger(() => ledgerOf(c.env, id).ticketTypes(id)));
  const shown = owner ? all : all.filter((t) => !t.hidden || unlocked?.includes(t.id));
  return c.json({ data: shown }, 200);
};

export const createType: AppRouteHandler<typeof routes.createType> = async (c) => {
  const row = await ownedEvent(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  const { price = 0, ...input } = c.req.valid("json");
  const reply = await callLedger(() =>
    ledgerOf(c.env, row.id).createTicketType(row.id, { ...input, price }),
  );
  return c.json(unwrap(reply), 201);
};

export const updateType: AppRouteHandler<typeof routes.updateType> = async (c) => {
  const { id, typeId } = c.req.valid("param");
  const row = await ownedEvent(database(c.env.DB), callerOf(c), id);
  const changes = c.req.valid("json");
  const reply = await callLedger(() =>
    ledgerOf(c.env, row.id).updateTicketType(row.id, typeId, changes),
  );
  return c.json(unwrap(reply), 200);
};

export const removeType: AppRouteHandler<typeof routes.removeType> = async (c) => {
  const { id, typeId } = c.req.valid("param");
  const row = await ownedEvent(database(c.env.DB), callerOf(c), id);
  const reply = await callLedger(() => ledgerOf(c.env, row.id).deleteTicketType(row.id, typeId));
  return c.json(unwrap(reply), 200);
};

export const listCodes: AppRouteHandler<typeof routes.listCodes> = async (c) => {
  const row = await ownedEvent(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  const reply = await callLedger(() => ledgerOf(c.env, row.id).promoCodes(row.id));
  return c.json({ data: unwrap(reply) }, 200);
};

export const createCode: AppRouteHandler<typeof routes.createCode> = async (c) => {
  const row = await ownedEvent(database(c.env.DB), callerOf(c), c.req.valid("param").id);
  const input = c.req.valid("json");
  const reply = await callLedger(() => ledgerOf(c.env, row.id).createPromoCode(row.id, input));
  return c.json(unwrap(reply), 201);
};

export const removeCode: AppRouteHandler<typeof routes.removeCode> = async (c) => {
  const { id, codeId } = c.req.valid("param");
  const row = await ownedEvent(database(c.env.DB), callerOf(c), id);
  const reply = await callLedger(() => ledgerOf(c.env, row.id).deletePromoCode(row.id, codeId));
  return c.json(unwrap(reply), 200);
};
