// `npm run build`, after `next build`: bundles `npm start`'s server (app/_server/main.ts) into
// .next/guestgate/server.mjs with esbuild (a devDependency of its own), so production needs no TypeScript
// loader. Only the server itself is bundled; `next` and the rest stay in node_modules.
import { build } from "esbuild";

await build({
  entryPoints: ["app/_server/main.ts"],
  outfile: ".next/guestgate/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  logLevel: "warning",
  banner: { js: "// Built by app/_server/build.mjs from app/_server/main.ts; do not edit." },
});
