import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The layering of docs/ARCHITECTURE.md, enforced: domain modules import no framework and no
 * database client, dependencies point one way, and modules are entered through their index.
 */
const MODULES = [
  "oidc",
  "journeys",
  "directory",
  "invitations",
  "access",
  "tenant",
  "db",
  "i18n",
  "errors",
  "mail",
  "federation",
  "http",
];
const DOMAIN = ["oidc", "journeys", "directory", "invitations", "access", "tenant"];

const frameworkImports = {
  group: [
    "next",
    "next/*",
    "react",
    "react-dom",
    "react/*",
    "next-intl",
    "next-intl/*",
    "next-auth",
    "next-auth/*",
    "@prisma/*",
    "**/prisma/generated/*",
  ],
  message: "Domain modules stay framework-free: take what you need as a dependency (ARCHITECTURE §2).",
};
const serverImports = {
  group: ["**/server", "**/db", "**/db/*", "**/env"],
  message:
    "Domain modules get repositories and settings passed in; only _lib/server.ts wires the database and reads the environment.",
};
const deepImports = {
  group: MODULES.flatMap((m) => [`**/_lib/${m}/*`, `../${m}/*`])
    .concat(MODULES.flatMap((m) => [`!**/_lib/${m}/index`, `!../${m}/index`]))
    .concat(["!**/_lib/http/page-request"]),
  message: "Import another module through its index.ts, not its files.",
};
const generatedClient = {
  group: ["**/prisma/generated/*", "**/prisma/generated/**"],
  message: "Only app/_lib/db talks to the generated Prisma client.",
};

/** Modules a domain module must not import: what sits above it in the dependency direction. */
const ABOVE = {
  tenant: ["directory", "invitations", "access", "oidc", "journeys"],
  directory: ["invitations", "access", "oidc", "journeys"],
  invitations: ["access", "oidc", "journeys"],
  access: ["invitations", "oidc", "journeys"],
  oidc: ["journeys", "invitations", "access"],
  journeys: [],
};

const restrict = (...patterns) => ["error", { patterns }];

const config = [
  { ignores: [".next/**", "node_modules/**", "prisma/generated/**", ".data/**", "next-env.d.ts", "coverage/**"] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "no-restricted-imports": restrict(deepImports, generatedClient),
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["app/_lib/db/**"], rules: { "no-restricted-imports": restrict(deepImports) } },
  ...DOMAIN.map((module) => ({
    files: [`app/_lib/${module}/**`],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": restrict(
        deepImports,
        frameworkImports,
        serverImports,
        ...(ABOVE[module].length
          ? [
              {
                group: ABOVE[module].flatMap((m) => [`../${m}`, `../${m}/*`]),
                message: `${module} must not depend on ${ABOVE[module].join(", ")} (ARCHITECTURE §2).`,
              },
            ]
          : []),
      ),
    },
  })),
];

export default config;
