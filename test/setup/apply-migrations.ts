import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Storage is isolated per test file; applying is a no-op once a file's database has them.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
