import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The private half of the retired ticket key TICKET_SIGNING_KEYS_OLD publishes. */
      TEST_RETIRED_TICKET_KEY: string;
    }
  }
}
