import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import layers from "./eslint/layers.mjs";

/**
 * The layering of docs/ARCHITECTURE.md, enforced on resolved paths (eslint/layers.mjs), so a zone
 * holds at every folder depth and through the tsconfig aliases: domain modules import no framework
 * and no database, dependencies point one way, modules are entered through their index, only
 * app/_lib/db talks to Prisma and only app/_lib/server.ts wires app/_lib/db.
 * tests/integration/lint/zones.test.ts plants a forbidden import of every kind and fails if one passes.
 */
const root = fileURLToPath(new URL(".", import.meta.url));

/** tsconfig `paths` (`"@/*": ["./*"]`) as prefix → root-relative folder (`"@/"` → `"."`). */
const aliases = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(new URL("./tsconfig.json", import.meta.url), "utf8")).compilerOptions.paths ?? {}).map(
    ([alias, [target]]) => [alias.replace(/\*$/, ""), target.replace(/\*$/, "") || "."],
  ),
);

const DOMAIN = ["oidc", "journeys", "directory", "invitations", "access", "tenant", "graph", "audit", "admin"];

/** Modules a domain module must not import: what sits above it in the dependency direction (docs/ARCHITECTURE.md, Layers). */
const ABOVE = {
  tenant: ["directory", "invitations", "access", "oidc", "journeys", "graph", "audit", "admin"],
  directory: ["invitations", "access", "oidc", "journeys", "graph", "audit", "admin"],
  invitations: ["access", "oidc", "journeys", "graph"],
  access: ["invitations", "oidc", "journeys", "graph"],
  oidc: ["journeys", "invitations", "access", "graph", "admin"],
  journeys: ["graph", "admin"],
  // Reads what every module's services wrote; only the Graph surface reads it.
  audit: ["invitations", "access", "oidc", "journeys", "graph", "admin"],
  // The Graph-shaped API is a surface over every module's services: nothing imports it but the composition root.
  graph: [],
  // The admin portal's sessions and role → capability table, over the directory; only the
  // composition root and the portal's pages use it.
  admin: ["invitations", "access", "oidc", "journeys", "graph", "audit"],
};

const inModule = (module) => `app/_lib/${module}/**`;
const packages = (...names) => names.flatMap((name) => [`package:${name}`, `package:${name}/**`]);
const FRAMEWORK = packages("next", "react", "react-dom", "next-intl", "use-intl", "next-auth", "@auth/*");
const PRISMA = [...packages("prisma", "@prisma/*"), "file:prisma/generated/**"];

const zones = [
  {
    name: "prisma",
    files: ["**"],
    except: ["app/_lib/db/**", "prisma/**", "prisma.config.ts"],
    forbid: PRISMA,
    message: "Only app/_lib/db talks to Prisma (the generated client and @prisma/*).",
  },
  {
    name: "composition-root",
    files: ["**"],
    except: ["app/_lib/server.ts", "app/_lib/db/**", "tests/**", "prisma/**"],
    forbid: ["file:app/_lib/db/**"],
    message:
      "Only app/_lib/server.ts (the composition root) wires app/_lib/db; routes, pages, components, the CLI and modules call its services.",
  },
  {
    name: "composition-root",
    files: ["**"],
    except: ["app/_lib/server.ts", "app/_lib/db/**", "tests/**", "prisma/**"],
    forbid: ["file:app/_lib/server"],
    names: ["database", "*"],
    message: "The Prisma client stays inside app/_lib/server.ts: call a service instead of taking the database.",
  },
  {
    name: "domain-framework",
    files: DOMAIN.map(inModule),
    forbid: FRAMEWORK,
    message: "Domain modules stay framework-free: take what you need as a dependency (docs/ARCHITECTURE.md, Layers).",
  },
  {
    name: "domain-wiring",
    files: DOMAIN.map(inModule),
    forbid: ["file:app/_lib/server", "file:app/_lib/env", "file:app/_lib/startup"],
    message: "Domain modules get repositories and settings passed in; only app/_lib/server.ts reads the environment.",
  },
  {
    name: "domain-surfaces",
    files: DOMAIN.map(inModule),
    forbid: ["file:app/**"],
    allow: ["file:app/_lib/**"],
    message: "Domain modules do not import routes, pages or components: those sit above them.",
  },
  ...DOMAIN.filter((module) => ABOVE[module].length > 0).map((module) => ({
    name: "direction",
    files: [inModule(module)],
    forbid: ABOVE[module].map((above) => `file:${inModule(above)}`),
    message: `${module} must not depend on ${ABOVE[module].join(", ")}: dependencies point one way (docs/ARCHITECTURE.md, Layers).`,
  })),
  {
    name: "leaf",
    files: [inModule("machine")],
    forbid: ["file:**", ...FRAMEWORK],
    allow: ["file:app/_lib/machine/**"],
    message: "app/_lib/machine is a leaf every module may import, so it imports no other module and no framework.",
  },
];

const config = [
  { ignores: [".next/**", "node_modules/**", "prisma/generated/**", ".data/**", "next-env.d.ts", "coverage/**"] },
  ...nextVitals,
  ...nextTypescript,
  {
    plugins: { guestgate: layers },
    rules: {
      "guestgate/layers": [
        "error",
        {
          root,
          aliases,
          zones,
          modules: {
            under: "app/_lib",
            // http/page-request stays out of http's index: it reads next/headers, which the proxy must not load.
            entries: ["app/_lib/http/page-request"],
            // A module's test fixtures are for tests, which may reach them directly; shipped code may not.
            tests: ["tests/**", "**/*.test.ts", "**/*.test.tsx"],
            testEntries: ["app/_lib/**/testing/**", "app/_lib/**/test-fixtures", "app/_lib/**/test-harness"],
          },
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
