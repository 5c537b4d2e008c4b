// Secrets are not in wrangler.toml, so `wrangler types` cannot see them.
declare namespace Cloudflare {
  interface Env {
    /** HS256 key for organizer tokens; at least 32 characters. */
    JWT_SECRET?: string;
  }
}
