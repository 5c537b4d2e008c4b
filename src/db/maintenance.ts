import { log } from "../lib/logger";
import { backfillSearchColumns } from "./search-backfill";

/** Housekeeping on the cron trigger: fold legacy rows for search, drop expired stream tickets. */
export const runMaintenance = async (env: Env): Promise<void> => {
  const folded = await backfillSearchColumns(env.DB);
  const purged = await env.DB.prepare("DELETE FROM stream_tickets WHERE expires_at < ?")
    .bind(new Date().toISOString())
    .run();
  log(env, "info", "maintenance done", { folded, expiredTickets: purged.meta.changes });
};
