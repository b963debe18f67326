import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The fault tier (tests/faults): two `next start` instances of the current build on a PostgreSQL
 * server of the tests' own, which they stop, crash and restart, and instances they SIGKILL. Apart
 * from `npm test` because it needs `npm run build` and minutes; .ci/run runs it after the build.
 */
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    include: ["tests/faults/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
