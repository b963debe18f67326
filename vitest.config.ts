import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Three tiers, named by where they live (ARCHITECTURE §7); the browser tier runs apart (npm run test:e2e). */
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // next-auth imports `next/server` without an extension, which Node's ESM loader cannot resolve
    // (next has no exports map); letting Vite transform next-auth resolves it as the bundler does.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      { extends: true, test: { name: "unit", include: ["app/**/*.test.ts"], environment: "node" } },
      { extends: true, test: { name: "components", include: ["app/**/*.test.tsx"], environment: "jsdom" } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
