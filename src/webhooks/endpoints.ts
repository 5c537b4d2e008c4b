import type { WebhookDeliveryStatus, WebhookDisabledReason } from "../domain/enums";
import { newId } from "../lib/ids";
import { sendDelayed } from "../lib/queue-batches";
import { DAY_MS } from "../lib/time";
import { attemptMessage } from "./messages";
import { testBody } from "./payload";
import { jwtSecretOf, newSecret, sealSecret } from "./signing";

/** Endpoints one organizer may keep: each change is sent to every one of them. */
export const MAX_ENDPOINTS = 20;
/** A rotated secret keeps signing beside its successor this long. */
export const ROTATION_OVERLAP_MS = DAY_MS;

type EndpointRow = {
  id: string;
  organizer_id: string;
  url: string;
  events: string;
  description: string | null;
  enabled: number;
  disabled_reason: WebhookDisabledReason | null;
  created_at: string;
  updated_at: string;
};

const ENDPOINT_COLUMNS =
  "id, organizer_id, url, events, description, enabled, disabled_reason, created_at, updated_at";

/** An endpoint as the API shows it: never its secret. */
export const presentEndpoint = (row: EndpointRow) => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  description: row.description,
  enabled: row.enabled === 1,
  disabledReason: row.disabled_reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
export type Endpoint = ReturnType<typeof presentEndpoint>;

type DeliveryRow = {
  id: string;
  message_id: string;
  type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
};

const DELIVERY_SELECT = `SELECT d.id, d.message_id, m.type, d.status, d.attempts, d.last_status,
    d.last_error, d.next_attempt_at, d.created_at
  FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id`;

export const presentDelivery = (row: DeliveryRow) => ({
  id: row.id,
  webhookId: row.message_id,
  type: row.type,
  status: row.status,
  attempts: row.attempts,
  lastStatus: row.last_status,
  lastError: row.last_error,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
});
export type Delivery = ReturnType<typeof presentDelivery>;

export interface EndpointInput {
  url: string;
  events: string[];
  description?: string | null;
}

/**
 * A new endpoint and its secret, shown this once; null when the organizer already has
 * MAX_ENDPOINTS (counted in the same statement, so parallel creations cannot pass it).
 */
export const createEndpoint = async (
  env: Env,
  organizerId: string,
  input: EndpointInput,
  language: string,
) => {
  const secret = newSecret();
  const now = new Date().toISOString();
  const row = await env.DB.prepare(
    `INSERT INTO webhook_endpoints (id, organizer_id, url, events, description, enabled, secret,
       language, created_at, updated_at)
     SELECT ?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?8
     WHERE (SELECT count(*) FROM webhook_endpoints WHERE organizer_id = ?2) < ?9
     RETURNING ${ENDPOINT_COLUMNS}`,
  )
    .bind(
      newId(),
      organizerId,
      input.url,
      JSON.stringify(input.events),
      input.description ?? null,
      await sealSecret(jwtSecretOf(env), secret),
      language,
      now,
      MAX_ENDPOINTS,
    )
    .first<EndpointRow>();
  return row ? { ...presentEndpoint(row), secret } : null;
};

export const listEndpoints = async (
  env: Env,
  organizerId: string,
  paging: { limit: number; offset: number },
) => {
  const [rows, total] = await env.DB.batch<EndpointRow & { n: number }>([
    env.DB.prepare(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE organizer_id = ?1
       ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3`,
    ).bind(organizerId, paging.limit, paging.offset),
    env.DB.prepare("SELECT count(*) AS n FROM webhook_endpoints WHERE organizer_id = ?").bind(
      organizerId,
    ),
  ]);
  return {
    rows: (rows?.results ?? []).map(presentEndpoint),
    total: total?.results[0]?.n ?? 0,
  };
};

/** The organizer's own endpoint; anyone else's is as unknown as one that never was. */
export const findEndpoint = async (env: Env, organizerId: string, id: string) => {
  const row = await env.DB.prepare(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = ?1 AND organizer_id = ?2`,
  )
    .bind(id, organizerId)
    .first<EndpointRow>();
  return row ? presentEndpoint(row) : null;
};

export interface EndpointChanges extends Partial<EndpointInput> {
  enabled?: boolean;
}

/**
 * Applies the changes the body names. Turning an endpoint on clears why it was turned
 * off and its failing streak: it starts again with a clean record.
 */
export const updateEndpoint = async (
  env: Env,
  organizerId: string,
  id: string,
  changes: EndpointChanges,
) => {
  const row = await env.DB.prepare(
    `UPDATE webhook_endpoints SET
       url = coalesce(?3, url),
       events = coalesce(?4, events),
       description = CASE WHEN ?5 THEN ?6 ELSE description END,
       enabled = coalesce(?7, enabled),
       disabled_reason = CASE WHEN ?7 = 1 THEN NULL ELSE disabled_reason END,
       failing_since = CASE WHEN ?7 = 1 AND enabled = 0 THEN NULL ELSE failing_since END,
       updated_at = ?8
     WHERE id = ?1 AND organizer_id = ?2 RETURNING ${ENDPOINT_COLUMNS}`,
  )
    .bind(
      id,
      organizerId,
      changes.url ?? null,
      changes.events ? JSON.stringify(changes.events) : null,
      changes.description !== undefined ? 1 : 0,
      changes.description ?? null,
      changes.enabled === undefined ? null : changes.enabled ? 1 : 0,
      new Date().toISOString(),
    )
    .first<EndpointRow>();
  return row ? presentEndpoint(row) : null;
};

/** Deletes the endpoint and, with it, its delivery log. */
export const deleteEndpoint = async (env: Env, organizerId: string, id: string) => {
  const result = await env.DB.prepare(
    "DELETE FROM webhook_endpoints WHERE id = ? AND organizer_id = ?",
  )
    .bind(id, organizerId)
    .run();
  return result.meta.changes > 0;
};

/**
 * A new secret; the current one keeps signing beside it for ROTATION_OVERLAP_MS, so
 * receivers can switch without losing a delivery. Rotating again within that window
 * replaces the newest secret and keeps the oldest one still in use.
 */
export const rotateSecret = async (env: Env, organizerId: string, id: string) => {
  const secret = newSecret();
  const now = Date.now();
  const row = await env.DB.prepare(
    `UPDATE webhook_endpoints SET
       previous_secret = CASE WHEN previous_until > ?4 THEN previous_secret ELSE secret END,
       previous_until = CASE WHEN previous_until > ?4 THEN previous_until ELSE ?5 END,
       secret = ?3, updated_at = ?4
     WHERE id = ?1 AND organizer_id = ?2 RETURNING id`,
  )
    .bind(
      id,
      organizerId,
      await sealSecret(jwtSecretOf(env), secret),
      new Date(now).toISOString(),
      new Date(now + ROTATION_OVERLAP_MS).toISOString(),
    )
    .first();
  return row ? secret : null;
};

export const listDeliveries = async (
  env: Env,
  endpointId: string,
  paging: { limit: number; offset: number; status?: WebhookDeliveryStatus },
) => {
  const status = paging.status ?? null;
  const [rows, total] = await env.DB.batch<DeliveryRow & { n: number }>([
    env.DB.prepare(
      `${DELIVERY_SELECT} WHERE d.endpoint_id = ?1 AND (?2 IS NULL OR d.status = ?2)
       ORDER BY d.created_at DESC, d.id DESC LIMIT ?3 OFFSET ?4`,
    ).bind(endpointId, status, paging.limit, paging.offset),
    env.DB.prepare(
      "SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?1 AND (?2 IS NULL OR status = ?2)",
    ).bind(endpointId, status),
  ]);
  return {
    rows: (rows?.results ?? []).map(presentDelivery),
    total: total?.results[0]?.n ?? 0,
  };
};

const deliveryOf = async (env: Env, endpointId: string, deliveryId: string) => {
  const row = await env.DB.prepare(`${DELIVERY_SELECT} WHERE d.id = ?1 AND d.endpoint_id = ?2`)
    .bind(deliveryId, endpointId)
    .first<DeliveryRow>();
  return row ? presentDelivery(row) : null;
};

/**
 * Makes another attempt now, whatever the delivery's state: it counts on the schedule,
 * so a delivery still being retried carries on from there if this one fails too.
 */
export const retryDelivery = async (env: Env, endpointId: string, deliveryId: string) => {
  const now = Date.now();
  const row = await env.DB.prepare(
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?3, updated_at = ?3
     WHERE id = ?1 AND endpoint_id = ?2 RETURNING attempts`,
  )
    .bind(deliveryId, endpointId, new Date(now).toISOString())
    .first<{ attempts: number }>();
  if (!row) return null;
  await env.NOTIFY_QUEUE.send(attemptMessage(deliveryId, row.attempts + 1, now, true), {
    contentType: "json",
  });
  return deliveryOf(env, endpointId, deliveryId);
};

/** A `webhook.test` message for this one endpoint, attempted now (even while it is off). */
export const sendTest = async (env: Env, endpoint: { id: string }, organizerId: string) => {
  const now = Date.now();
  const at = new Date(now).toISOString();
  const messageId = newId();
  const deliveryId = newId();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO webhook_messages (id, organizer_id, type, body, created_at) VALUES (?, ?, 'webhook.test', ?, ?)",
    ).bind(messageId, organizerId, testBody(endpoint.id, at), at),
    env.DB.prepare(
      `INSERT INTO webhook_deliveries (id, endpoint_id, message_id, status, attempts,
         next_attempt_at, created_at, updated_at) VALUES (?1, ?2, ?3, 'pending', 0, ?4, ?4, ?4)`,
    ).bind(deliveryId, endpoint.id, messageId, at),
  ]);
  await sendDelayed(env.NOTIFY_QUEUE, [{ body: attemptMessage(deliveryId, 1, now, true) }]);
  return deliveryOf(env, endpoint.id, deliveryId);
};
