import { mkdir, readFile, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig, type Plugin } from "vitest/config";
import { captureRuntimeLog } from "./setup/runtime-log.ts";
import { ProjectsInOrder } from "./setup/sequencer.ts";
import { outboundStandIn } from "./standins/index.ts";
import { providerBindings, stripeBindings } from "./standins/keys.ts";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The stripe and standardwebhooks packages ship source maps whose sources they leave out,
 * and vite warns about each such module; loaded here, their files come without the map comment.
 */
const SOURCELESS_MAP_MODULE = /\/node_modules\/(stripe\/esm|standardwebhooks\/dist)\/.+\.js$/;
const stripeWithoutSourceMaps: Plugin = {
  name: "stripe-without-source-maps",
  enforce: "pre",
  load: async (id) =>
    SOURCELESS_MAP_MODULE.test(id)
      ? (await readFile(id, "utf8")).replace(/^\/\/# sourceMappingURL=.*$/m, "")
      : null,
};

/**
 * wrangler.toml as is, copied where no .dev.vars sits beside it: wrangler reads the
 * .dev.vars next to its config, and the developer's secrets must not reach the tests.
 */
const wranglerConfigForTests = async () => {
  const dir = path.join(root, ".wrangler", "vitest");
  await mkdir(dir, { recursive: true });
  const toml = (await readFile(path.join(root, "wrangler.toml"), "utf8")).replace(
    /^(main|migrations_dir|directory) = "(.+)"$/gm,
    (_, key: string, file: string) => `${key} = ${JSON.stringify(path.join(root, file))}`,
  );
  const configPath = path.join(dir, "wrangler.toml");
  await writeFile(configPath, toml);
  return configPath;
};

/**
 * A project whose tests run inside workerd against the stand-ins; `extra` bindings are
 * added to those every such project has.
 */
export const workersProject = (
  name: string,
  files: { include: string[]; exclude: string[] },
  config: { configPath: string; migrations: unknown },
  extra: Record<string, string> = {},
) => ({
  plugins: [
    stripeWithoutSourceMaps,
    cloudflareTest({
      wrangler: { configPath: config.configPath },
      miniflare: {
        // Outbound fetches (push, email, enrichment, Stripe) reach local stand-ins, never the internet.
        outboundService: outboundStandIn,
        bindings: {
          TEST_MIGRATIONS: config.migrations,
          JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-keys",
          CORS_ORIGINS: "https://app.example.com",
          LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
          // Small enough that the test reaching the cap opens few sockets.
          LIVE_VIEWERS_MAX: "25",
          // Provider credentials, so notifications take the real code paths to the stand-ins.
          ...providerBindings,
          ...extra,
        },
      },
    }),
  ],
  test: {
    name,
    root,
    ...files,
    setupFiles: ["test/setup/flat-wrappers.ts", "test/setup/apply-migrations.ts"],
    // One runtime for all of a project's files: each new runtime imports the whole app again.
    isolate: false,
    // The races fire hundreds of requests through one local runtime.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

const STRIPE_TESTS = "test/payments/stripe/**/*.test.ts";
/** Sizes far past any rule's threshold, run by `npm run test:scale` (test/vitest.scale.config.ts). */
export const SCALE_TESTS = "test/**/*.scale.test.ts";
const MISCONFIGURED_TESTS = "test/payments/misconfigured.test.ts";

/** What every workers project needs: the migrations and wrangler.toml's copy. */
export const workersSetup = async () => {
  captureRuntimeLog();
  const migrations = await readD1Migrations(path.join(root, "migrations"));
  const configPath = await wranglerConfigForTests();
  return { configPath, migrations };
};

export default defineConfig(async () => {
  const { configPath, migrations } = await workersSetup();
  return {
    test: {
      root,
      // Two at least, even on two cores: the Node project's files mostly wait on the
      // linters they spawn, and run beside a workers runtime instead of before it.
      maxWorkers: Math.max(2, availableParallelism() - 1),
      sequence: { sequencer: ProjectsInOrder },
      projects: [
        // Without the Stripe secrets, payments go through the sandbox: the local default.
        workersProject(
          "workers",
          {
            include: ["test/**/*.test.ts"],
            exclude: ["test/node/**", STRIPE_TESTS, MISCONFIGURED_TESTS, SCALE_TESTS],
          },
          { configPath, migrations },
        ),
        // The same Worker with Stripe's secrets set, talking to the Stripe stand-in.
        workersProject(
          "stripe",
          { include: [STRIPE_TESTS], exclude: [SCALE_TESTS] },
          { configPath, migrations },
          stripeBindings,
        ),
        // Half of Stripe: its webhook secret without its key, a deployment mistake to refuse.
        workersProject(
          "misconfigured",
          { include: [MISCONFIGURED_TESTS], exclude: [] },
          { configPath, migrations },
          { STRIPE_WEBHOOK_SECRET: stripeBindings.STRIPE_WEBHOOK_SECRET },
        ),
        {
          // Tools that need Node's file system (the OpenAPI validator) check what the app generates.
          test: {
            name: "node",
            root,
            include: ["test/node/**/*.test.ts"],
            exclude: [SCALE_TESTS],
            environment: "node",
          },
        },
      ],
    },
  };
});
