import path from "node:path";
import { defineConfig } from "vitest/config";
import { SCALE_TESTS, workersProject, workersSetup } from "./vitest.config.ts";

const root = path.resolve(import.meta.dirname, "..");

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
      projects: [workersProject("scale", { include: [SCALE_TESTS], exclude: [] }, setup)],
    },
  };
});
