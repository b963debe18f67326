import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layers of docs/ARCHITECTURE.md are only as real as the lint rule that holds them. This test
// runs the project's own ESLint configuration on planted imports — each forbidden kind, written from
// depth 1, 2 and 3 inside a module, relatively and through the `@/` alias, in every import syntax —
// and fails if any gets through, or is caught for another reason than the one it breaks. Allowed
// imports are planted too, so a rule that forbade everything would fail here as well.
//
// The tables below are written from the architecture, not read from eslint.config.mjs: a test that
// derived its cases from the configuration would agree with any configuration.

const root = fileURLToPath(new URL("../../..", import.meta.url));
const RULE = "guestgate/layers";

const DOMAIN = ["oidc", "journeys", "directory", "invitations", "access", "tenant"] as const;
type Domain = (typeof DOMAIN)[number];

/** docs/ARCHITECTURE.md, "Layers": `tenant` ← `directory` ← `invitations`/`access`; `tenant`, `directory` ← `oidc` ← `journeys`. */
const MUST_NOT_IMPORT: Record<Domain, Domain[]> = {
  tenant: ["directory", "invitations", "access", "oidc", "journeys"],
  directory: ["invitations", "access", "oidc", "journeys"],
  invitations: ["access", "oidc", "journeys"],
  access: ["invitations", "oidc", "journeys"],
  oidc: ["journeys", "invitations", "access"],
  journeys: [],
};
const MAY_IMPORT: Record<Domain, Domain[]> = {
  tenant: [],
  directory: ["tenant"],
  invitations: ["tenant", "directory"],
  access: ["tenant", "directory"],
  oidc: ["tenant", "directory"],
  journeys: ["tenant", "directory", "oidc", "invitations", "access"],
};
/** An inner file of each module, to plant deep imports of (the rule judges paths, so modules still to come count too). */
const INNER = {
  oidc: "app/_lib/oidc/authorize/resume",
  journeys: "app/_lib/journeys/engine/submit",
  directory: "app/_lib/directory/attributes/formats/phone",
  tenant: "app/_lib/tenant/schema",
  invitations: "app/_lib/invitations/status",
  access: "app/_lib/access/policies/expiry",
  db: "app/_lib/db/guest-repository",
  mail: "app/_lib/mail/passcode-email",
  machine: "app/_lib/machine/transition",
} satisfies Record<Domain | "db" | "mail" | "machine", string>;

const FRAMEWORK = [
  "next",
  "next/server",
  "next/headers",
  "react",
  "react-dom/server",
  "next-intl",
  "next-intl/server",
  "next-auth",
];
const PRISMA = { packages: ["@prisma/client", "@prisma/adapter-pg"], client: "prisma/generated/client/sqlite/client" };

/** The importing file at depth 1, 2 and 3 inside a folder (`app/_lib/journeys/planted.ts`, `…/a/planted.ts`, `…/a/b/planted.ts`). */
const atDepths = (folder: string, file = "planted.ts") =>
  [1, 2, 3].map((depth) => [folder, ...["a", "b"].slice(0, depth - 1), file].join("/"));
const moduleFiles = (name: string) => atDepths(`app/_lib/${name}`);

/** Both spellings of an import of a root-relative path from `importer`. */
function spellings(importer: string, target: string): string[] {
  const relative = path.posix.relative(path.posix.dirname(importer), target);
  return [relative.startsWith(".") ? relative : `./${relative}`, `@/${target}`];
}

interface Plant {
  importer: string;
  statement: (specifier: string, binding: string) => string;
  specifier: string;
  /** The reason the rule must give (`deep` or a zone name), or undefined when the import is allowed. */
  reason?: string;
}

const importNamed = (specifier: string, binding: string) => `import { ${binding} } from "${specifier}";`;
const importDatabase = (specifier: string) => `import { database } from "${specifier}";`;

const forbidden: Plant[] = [];
const allowed: Plant[] = [];
const forbid = (importer: string, targets: string[], reason: string, statement = importNamed) =>
  targets.forEach((specifier) => forbidden.push({ importer, specifier, reason, statement }));
const allow = (importer: string, targets: string[], statement = importNamed) =>
  targets.forEach((specifier) => allowed.push({ importer, specifier, statement }));
const files = (importer: string, targets: string[]) => targets.flatMap((target) => spellings(importer, target));

// Domain modules: no framework, no Prisma, no database, no composition root or environment, no
// surfaces, dependencies one way, other modules only through their index.
for (const owner of DOMAIN) {
  for (const importer of moduleFiles(owner)) {
    forbid(importer, FRAMEWORK, "domain-framework");
    forbid(importer, PRISMA.packages, "prisma");
    forbid(importer, files(importer, [PRISMA.client]), "prisma");
    forbid(importer, files(importer, ["app/_lib/db", "app/_lib/db/index.ts", INNER.db]), "composition-root");
    forbid(importer, files(importer, ["app/_lib/server", "app/_lib/env", "app/_lib/startup"]), "domain-wiring");
    forbid(
      importer,
      files(importer, ["app/_components/journey/journey-form", "app/[tenant]/journey/[id]/respond"]),
      "domain-surfaces",
    );
    for (const above of MUST_NOT_IMPORT[owner])
      forbid(importer, files(importer, [`app/_lib/${above}`, INNER[above]]), "direction");
    for (const other of [...MAY_IMPORT[owner], "mail", "machine"] as const) {
      forbid(importer, files(importer, [INNER[other], `${INNER[other]}.ts`]), "deep");
      allow(importer, files(importer, [`app/_lib/${other}`, `app/_lib/${other}/index`]));
    }
    // Inside its own module a file may reach any other file, at any depth.
    allow(importer, files(importer, [INNER[owner], `app/_lib/${owner}/index`]));
  }
}

// Deep imports are forbidden from anywhere outside the module: other modules, surfaces, tests.
const outsiders = [
  ...moduleFiles("mail"),
  ...moduleFiles("federation"),
  ...atDepths("app/[tenant]/journey/[id]", "page.tsx"),
  ...atDepths("app/_components", "planted.tsx"),
  ...atDepths("app/_cli"),
  ...atDepths("tests/integration/oidc", "planted.test.ts"),
  "app/_lib/server.ts",
  "proxy.ts",
];
for (const importer of outsiders) {
  forbid(
    importer,
    files(importer, [INNER.journeys, "app/_lib/journeys/engine", "app/_lib/journeys/engine/index.ts", INNER.oidc]),
    "deep",
  );
  forbid(importer, files(importer, [INNER.directory, INNER.machine]), "deep");
  allow(importer, files(importer, ["app/_lib/journeys", "app/_lib/oidc", "app/_lib/machine"]));
}

// A module's test fixtures are an entry for tests only (a unit test still keeps the dependency direction).
const FIXTURES = [
  "app/_lib/journeys/user-flows/test-fixtures",
  "app/_lib/journeys/otp/test-harness",
  "app/_lib/oidc/testing/memory-repositories",
];
for (const importer of atDepths("tests/integration/journeys", "planted.test.ts")) allow(importer, files(importer, FIXTURES));
for (const importer of atDepths("app/_lib/journeys/engine", "planted.test.ts")) allow(importer, files(importer, [FIXTURES[2]!]));
for (const importer of atDepths("app/_lib/tenant", "planted.test.ts"))
  forbid(importer, files(importer, [FIXTURES[2]!]), "direction");
for (const importer of [...moduleFiles("mail"), ...atDepths("app/[tenant]/journey/[id]", "page.tsx"), "app/_lib/server.ts"]) {
  forbid(importer, files(importer, FIXTURES), "deep");
}

// The generated Prisma client and @prisma/* belong to app/_lib/db alone.
for (const importer of [
  ...moduleFiles("mail"),
  ...moduleFiles("machine"),
  ...atDepths("app/[tenant]/oauth2/v2.0", "route.ts"),
  ...atDepths("app/_cli"),
  ...atDepths("tests/integration/db", "planted.test.ts"),
  "app/_lib/server.ts",
  "instrumentation.ts",
]) {
  forbid(importer, PRISMA.packages, "prisma");
  forbid(importer, files(importer, [PRISMA.client, "prisma/generated/client/postgres/client.ts"]), "prisma");
}
for (const importer of moduleFiles("db")) {
  allow(importer, [...PRISMA.packages, ...files(importer, [PRISMA.client])]);
}

// Routes, pages, components, the CLI, the proxy and start-up reach the database only through the
// composition root's services: neither app/_lib/db nor the `database` it opens.
const surfaces = [
  ...atDepths("app/[tenant]", "page.tsx"),
  ...atDepths("app/[tenant]/oauth2/v2.0/authorize", "route.ts"),
  ...atDepths("app/_components", "planted.tsx"),
  ...atDepths("app/_cli"),
  ...atDepths("app/api/ready", "route.ts"),
  ...moduleFiles("mail"),
  "app/page.tsx",
  "app/_lib/startup.ts",
  "proxy.ts",
  "instrumentation.ts",
];
for (const importer of surfaces) {
  forbid(importer, files(importer, ["app/_lib/db", "app/_lib/db/index"]), "composition-root");
  forbid(importer, files(importer, ["app/_lib/server"]), "composition-root", importDatabase);
  allow(importer, files(importer, ["app/_lib/server"]), (specifier) => `import { oidc, tenants } from "${specifier}";`);
}
for (const importer of ["app/_lib/server.ts", ...atDepths("tests/integration/journeys", "planted.test.ts")]) {
  allow(importer, files(importer, ["app/_lib/db"]));
}
for (const importer of ["app/[tenant]/layout.tsx", "app/not-found.tsx"]) {
  allow(importer, files(importer, ["app/_lib/http/page-request"]));
}

// app/_lib/machine is a leaf: every module may import it; it imports no module and no framework.
for (const importer of moduleFiles("machine")) {
  forbid(importer, files(importer, ["app/_lib/journeys", "app/_lib/tenant", "app/_lib/db", "app/_lib/server"]), "leaf");
  forbid(importer, ["next", "react"], "leaf");
  allow(importer, files(importer, [INNER.machine]));
}

// Every syntax that names a module is checked, not only `import … from`.
const SYNTAXES: Record<string, Plant["statement"]> = {
  "import … from": importNamed,
  "import type": (s, b) => `import type { ${b} } from "${s}";`,
  "side-effect import": (s) => `import "${s}";`,
  "namespace import": (s, b) => `import * as ${b} from "${s}";`,
  "export … from": (s, b) => `export { ${b} } from "${s}";`,
  "export * from": (s) => `export * from "${s}";`,
  "import()": (s, b) => `export const ${b} = import("${s}");`,
  "typeof import()": (s, b) => `export type ${b} = typeof import("${s}");`,
  "import = require()": (s, b) => `import ${b} = require("${s}");`,
};

interface Verdict {
  plant: Plant;
  reasons: string[];
}

let verdicts: Verdict[];

const reasonOf = (message: Linter.LintMessage) =>
  message.messageId === "deep" ? "deep" : (/\[([\w-]+): /.exec(message.message)?.[1] ?? message.message);

/** Lints each importing file once, one planted statement per line, and maps the rule's reports back to the plants. */
async function lint(eslint: ESLint, plants: Plant[]): Promise<Verdict[]> {
  const byImporter = new Map<string, Plant[]>();
  for (const plant of plants) byImporter.set(plant.importer, [...(byImporter.get(plant.importer) ?? []), plant]);
  const verdicts: Verdict[] = [];
  for (const [importer, group] of byImporter) {
    const code = group.map((plant, index) => plant.statement(plant.specifier, `planted${index}`)).join("\n");
    const [result] = await eslint.lintText(code, { filePath: path.join(root, importer) });
    const fatal = result!.messages.filter((message) => message.fatal);
    expect(fatal, `${importer} did not parse`).toEqual([]);
    const reports = result!.messages.filter((message) => message.ruleId === RULE);
    group.forEach((plant, index) =>
      verdicts.push({ plant, reasons: reports.filter((report) => report.line === index + 1).map(reasonOf) }),
    );
  }
  return verdicts;
}

const describePlant = ({ plant, reasons }: Verdict) =>
  `${plant.importer}: ${plant.statement(plant.specifier, "x")} → ${reasons.join(", ") || "passed"}`;

describe("layer zones (docs/ARCHITECTURE.md, Layers) hold however an import is written", () => {
  const syntaxPlants: Plant[] = Object.values(SYNTAXES).flatMap((statement) =>
    moduleFiles("tenant").flatMap((importer) => [
      ...files(importer, [INNER.journeys]).map((specifier) => ({ importer, specifier, statement, reason: "direction" })),
      { importer, specifier: "next/server", statement, reason: "domain-framework" },
    ]),
  );

  beforeAll(async () => {
    const eslint = new ESLint({ cwd: root });
    verdicts = await lint(eslint, [...forbidden, ...allowed, ...syntaxPlants]);
  });

  it("plants enough imports to mean something", () => {
    expect(forbidden.length).toBeGreaterThan(800);
    expect(allowed.length).toBeGreaterThan(200);
    expect(new Set(forbidden.map((plant) => plant.reason))).toEqual(
      new Set([
        "domain-framework",
        "prisma",
        "composition-root",
        "domain-wiring",
        "domain-surfaces",
        "direction",
        "deep",
        "leaf",
      ]),
    );
  });

  it("reports every planted forbidden import, for the reason it breaks", () => {
    const escaped = verdicts.filter(({ plant, reasons }) => plant.reason && !reasons.includes(plant.reason));
    expect(escaped.map(describePlant)).toEqual([]);
  });

  it("lets the imports the architecture allows through", () => {
    const blocked = verdicts.filter(({ plant, reasons }) => !plant.reason && reasons.length > 0);
    expect(blocked.map(describePlant)).toEqual([]);
  });

  it("catches the imports the old text patterns missed", () => {
    const caught = (importer: string, specifier: string) =>
      verdicts.find(({ plant }) => plant.importer === importer && plant.specifier === specifier)?.reasons ?? [];
    expect(caught("app/_lib/tenant/a/b/planted.ts", "../../../journeys/engine/submit")).toEqual(["direction", "deep"]);
    expect(caught("app/_lib/oidc/a/planted.ts", "@/app/_lib/journeys/engine/submit")).toEqual(["direction", "deep"]);
    expect(caught("app/_lib/oidc/a/b/planted.ts", "@/app/_lib/db")).toEqual(["composition-root"]);
  });
});
