// Where things are, resolved once: the repository, and the CLIs run through this Node (not npx, so
// that a kill reaches the real process and not an npm wrapper).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
/** What `npm start` runs (package.json): the front and Next in one process, built by `npm run build`. */
export const serverBundle = path.join(repoRoot, ".next/guestgate/server.mjs");
export const serverBuildScript = path.join(repoRoot, "app/_server/build.mjs");
export const nextCli = path.join(path.dirname(require.resolve("next/package.json")), "dist/bin/next");
export const prismaCli = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");
export const tsxCli = path.join(path.dirname(require.resolve("tsx/package.json")), "dist/cli.mjs");
export const axeSourcePath = require.resolve("axe-core/axe.min.js");
export const tenantsConfigPath = path.join(repoRoot, "tenants.json");
