const toHex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

export interface SigningOptions {
  /** Sign with another secret than the endpoint's. */
  secret?: string;
  /** Seconds before now to stamp the signature with; negative is ahead of now (300 either way is the limit). */
  ageSeconds?: number;
}

/**
 * The `Stripe-Signature` header Stripe would send with `payload`:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`, keyed with the whole `whsec_…` string.
 */
export const signWebhook = async (
  payload: string,
  secret: string,
  options: SigningOptions = {},
): Promise<string> => {
  const timestamp = Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0);
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(options.secret ?? secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestamp}.${payload}`));
  return `t=${timestamp},v1=${toHex(mac)}`;
};

/** A Stripe event around a Checkout Session, as the webhook receives it. */
export const stripeEvent = (
  type: string,
  session: Record<string, unknown>,
  id = `evt_${crypto.randomUUID().replaceAll("-", "")}`,
) => ({
  id,
  object: "event",
  api_version: "2026-01-28.clover",
  created: Math.floor(Date.now() / 1000),
  type,
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  data: { object: session },
});
