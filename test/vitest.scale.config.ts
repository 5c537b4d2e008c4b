import path from "node:path";
import { defineConfig } from "vitest/config";
import { stripeBindings } from "./standins/keys.ts";
import { SCALE_TESTS, workersProject, workersSetup } from "./vitest.config.ts";

const root = path.resolve(import.meta.dirname, "..");
const STRIPE_SCALE_TESTS = "test/payments/stripe/**/*.scale.test.ts";
const NODE_SCALE_TESTS = "test/node/**/*.scale.test.ts";

/**
 * `npm run test:scale`: the same rules as `npm test` proves at small sizes, at sizes far
 * past every threshold (thousands of recipients, fifteen departure steps), and the
 * benchmark run small against a real wrangler dev. Minutes, not seconds, so apart from
 * the suite; .ci/run runs both.
 */
export default defineConfig(async () => {
  const setup = await workersSetup();
  return {
    test: {
      root,
      projects: [
        workersProject(
          "scale",
          { include: [SCALE_TESTS], exclude: [STRIPE_SCALE_TESTS, NODE_SCALE_TESTS] },
          setup,
        ),
        // Payments under chaos talk to the Stripe stand-in, as the stripe project does.
        workersProject(
          "scale-stripe",
          { include: [STRIPE_SCALE_TESTS], exclude: [] },
          setup,
          stripeBindings,
        ),
        // Node starts the benchmark's own wrangler dev and drives it over HTTP.
        { test: { name: "scale-node", root, include: [NODE_SCALE_TESTS], environment: "node" } },
      ],
    },
  };
});
