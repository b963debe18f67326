import { defineConfig } from "vitest/config";

/**
 * The browser tier (npm run test:e2e): a real `next start` on a fresh database, driven by Debian's
 * Chromium. Kept out of vitest.config.ts so that `npm test` needs no browser and no build.
 */
export default defineConfig({
  test: {
    name: "e2e",
    include: ["tests/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/e2e/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // One server and one Chromium at a time: a 2-core machine.
    fileParallelism: false,
  },
});
