import { generateKeyPairSync, randomBytes } from "node:crypto";

// Fresh keys every run: nothing to leak, nothing to rotate. The Worker gets the private
// halves as bindings; the stand-ins verify with the public halves, as the providers do.
const publicKeyEncoding = { type: "spki", format: "pem" } as const;
const privateKeyEncoding = { type: "pkcs8", format: "pem" } as const;
const rsa = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding,
  privateKeyEncoding,
});
const ec = generateKeyPairSync("ec", {
  namedCurve: "P-256",
  publicKeyEncoding,
  privateKeyEncoding,
});

/** A Google service account of the test project; every account of it signs with this key. */
export const FCM = {
  projectId: "event-booking-test",
  accountDomain: "@event-booking-test.iam.gserviceaccount.com",
  clientEmail: "notifications@event-booking-test.iam.gserviceaccount.com",
  privateKey: rsa.privateKey,
  publicKey: rsa.publicKey,
};

/** An APNs token-auth key (.p8) of the test team, for the test app. */
export const APNS = {
  keyId: "TESTKEY123",
  teamId: "TESTTEAM12",
  topic: "com.example.eventbooking",
  privateKey: ec.privateKey,
  publicKey: ec.publicKey,
};

export const EMAIL_API_KEY = `re_test_${randomBytes(16).toString("hex")}`;

const ed25519Jwk = (kid: string) => ({
  ...generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }),
  kid,
});
/** The ticket key that signs now, and one retired by a rotation that still verifies. */
const ticketKey = ed25519Jwk("test-current");
const retiredTicketKey = ed25519Jwk("test-retired");

/** The secrets and vars a deployment would set, pointing the Worker at real providers. */
export const providerBindings = {
  FCM_SERVICE_ACCOUNT: JSON.stringify({
    type: "service_account",
    project_id: FCM.projectId,
    private_key_id: "test-key-1",
    private_key: FCM.privateKey,
    client_email: FCM.clientEmail,
    token_uri: "https://oauth2.googleapis.com/token",
  }),
  APNS_PRIVATE_KEY: APNS.privateKey,
  APNS_KEY_ID: APNS.keyId,
  APNS_TEAM_ID: APNS.teamId,
  APNS_TOPIC: APNS.topic,
  EMAIL_API_KEY,
  TICKET_SIGNING_KEY: JSON.stringify(ticketKey),
  TICKET_SIGNING_KEYS_OLD: JSON.stringify({
    keys: [{ kty: "OKP", crv: "Ed25519", x: retiredTicketKey.x, kid: retiredTicketKey.kid }],
  }),
  // Only the tests read it: they sign with it what a ticket issued before the rotation says.
  TEST_RETIRED_TICKET_KEY: JSON.stringify(retiredTicketKey),
};

/** The test account's secret key and the signing secret of its webhook endpoint. */
export const STRIPE = {
  secretKey: `sk_test_${randomBytes(24).toString("hex")}`,
  webhookSecret: `whsec_${randomBytes(24).toString("hex")}`,
};

/**
 * Secrets that switch payments from the sandbox to Stripe: the `stripe` project sets both,
 * the `misconfigured` project one alone.
 */
export const stripeBindings = {
  STRIPE_SECRET_KEY: STRIPE.secretKey,
  STRIPE_WEBHOOK_SECRET: STRIPE.webhookSecret,
};
