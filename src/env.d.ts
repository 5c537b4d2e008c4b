// Secrets are not in wrangler.toml, so `wrangler types` cannot see them.
declare namespace Cloudflare {
  interface Env {
    /** HS256 key for organizer tokens; at least 32 characters. */
    JWT_SECRET?: string;
    /** Email provider API key (Resend-compatible HTTP API); without it emails are recorded, not sent. */
    EMAIL_API_KEY?: string;
    /** Google service account JSON (project_id, client_email, private_key) for FCM HTTP v1. */
    FCM_SERVICE_ACCOUNT?: string;
    /** APNs token-auth signing key (.p8 PEM contents). */
    APNS_PRIVATE_KEY?: string;
    /** Stripe secret key (`sk_test_…` or `sk_live_…`); with the webhook secret, Stripe takes payments. */
    STRIPE_SECRET_KEY?: string;
    /** The private Ed25519 JWK (kty OKP, crv, x, d; kid optional) that signs tickets. */
    TICKET_SIGNING_KEY?: string;
    /** Retired ticket keys still published and accepted: a JWK set or a list of public JWKs. */
    TICKET_SIGNING_KEYS_OLD?: string;
    /** Signing secret of the webhook endpoint (`whsec_…`), from the dashboard or `stripe listen`. */
    STRIPE_WEBHOOK_SECRET?: string;
    /** "true" lets webhook endpoints on this machine (http://localhost…) receive: local development only. */
    WEBHOOKS_ALLOW_LOCAL?: string;
  }
}
