import { applyD1Migrations, reset } from "cloudflare:test";
import { env } from "cloudflare:workers";

/**
 * Each project's files share one runtime (isolate: false in test/vitest.config.ts), so
 * each file starts by deleting what the files before it stored (D1, ledgers, hubs) and
 * migrating the now empty database: every file still starts from empty storage.
 */
await reset();
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
