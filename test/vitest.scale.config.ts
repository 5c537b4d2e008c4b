import path from "node:path";
import { defineConfig } from "vitest/config";
import { stripeBindings } from "./standins/keys.ts";
import { SCALE_TESTS, workersProject, workersSetup } from "./vitest.config.ts";

const root = path.resolve(import.meta.dirname, "..");
const STRIPE_SCALE_TESTS = "test/payments/stripe/**/*.scale.test.ts";

/**
 * `npm run test:scale`: the same rules as `npm test` proves at small sizes, at sizes far
 * past every threshold (thousands of recipients, fifteen departure steps). Minutes, not
 * seconds, so apart from the suite; .ci/run runs both.
 */
export default defineConfig(async () => {
  const setup = await workersSetup();
  return {
    test: {
      root,
      projects: [
        workersProject("scale", { include: [SCALE_TESTS], exclude: [STRIPE_SCALE_TESTS] }, setup),
        // Payments under chaos talk to the Stripe stand-in, as the stripe project does.
        workersProject(
          "scale-stripe",
          { include: [STRIPE_SCALE_TESTS], exclude: [] },
          setup,
          stripeBindings,
        ),
      ],
    },
  };
});
