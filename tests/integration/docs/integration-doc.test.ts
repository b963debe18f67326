// docs/INTEGRATION.md cannot drift from the code: its TypeScript blocks are the snippet files the
// other tests in this folder run, its URL table is the discovery document, its claim tables are
// what real tokens contain, and its registration commands run as printed.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../helpers/database";
import {
  basicAuth,
  BASE,
  decodeJwt,
  ISSUER,
  obtainCode,
  REDIRECT,
  startGuestgate,
  stopGuestgate,
  TENANT,
  tokenRequest,
  type Testbed,
} from "./support";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const snippetsDir = fileURLToPath(new URL("./snippets", import.meta.url));
const doc = readFileSync(path.join(repoRoot, "docs/INTEGRATION.md"), "utf8");

/** The text between `<!-- name… -->` and `<!-- /name -->`. */
function section(name: string): string {
  const match = new RegExp(`<!-- ${name} -->([\\s\\S]*?)<!-- /${name.split(":")[0]} -->`).exec(doc);
  if (!match) throw new Error(`docs/INTEGRATION.md has no <!-- ${name} --> section`);
  return match[1]!;
}

/** Markdown table rows as cells, without the header and separator rows. */
function rows(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

const codeNames = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe("docs/INTEGRATION.md", () => {
  it("shows every snippet file verbatim, and runs no TypeScript block that is not one", () => {
    const blocks = [...doc.matchAll(/(?:<!-- (snippet: ([\w.-]+)|not run: [^>]+) -->\s*\n)?```ts\n([\s\S]*?)```/g)];
    expect(blocks.length).toBeGreaterThan(0);
    for (const [block, marker, name, body] of blocks) {
      expect(
        marker,
        `a \`\`\`ts block without <!-- snippet: FILE --> or <!-- not run: why -->:\n${block.slice(0, 200)}`,
      ).toBeDefined();
      if (name)
        expect(body, `docs/INTEGRATION.md differs from tests/integration/docs/snippets/${name}`).toBe(
          readFileSync(path.join(snippetsDir, name), "utf8"),
        );
    }
    const shown = new Set(blocks.map((b) => b[2]).filter(Boolean));
    expect(shown).toEqual(new Set(readdirSync(snippetsDir).filter((f) => f.endsWith(".ts"))));
  });

  describe("against a provider", () => {
    let bed: Testbed;
    beforeAll(async () => {
      bed = await startGuestgate();
    });
    afterAll(async () => {
      expect(bed?.errors).toEqual([]);
      await stopGuestgate(bed);
    });

    it("lists exactly the URLs of the discovery document", async () => {
      const discoveryUrl = `${ISSUER}/.well-known/openid-configuration`;
      const metadata = (await (await fetch(discoveryUrl)).json()) as Record<string, unknown>;
      const table = rows(section("endpoints"));
      const urls = Object.fromEntries(
        table.map(([field = "", url = ""]) => [
          codeNames(field)[0] ?? field,
          codeNames(url)[0]!.replace("{base}", BASE).replace("{tenant}", TENANT),
        ]),
      );
      expect(urls["(discovery document)"]).toBe(discoveryUrl);
      const documented = Object.fromEntries(Object.entries(urls).filter(([field]) => field !== "(discovery document)"));
      const published = Object.fromEntries(
        Object.entries(metadata).filter(
          ([field, value]) => typeof value === "string" && (field === "issuer" || /_(endpoint|uri)$/.test(field)),
        ),
      );
      expect(documented).toEqual(published);
    });

    it("documents every claim the tokens carry, and the tokens carry every claim it calls always", async () => {
      const { clientId, secret } = await bed.confidentialClient({
        grantTypes: ["authorization_code", "refresh_token", "client_credentials"],
        permissions: ["User.Read.All"],
      });
      const guestId = await bed.guest({
        email: "ada@example.com",
        displayName: "Ada Lovelace",
        attributes: { givenName: "Ada", surname: "Lovelace", city: "London", country: "GB", phoneNumber: "+442071234567" },
      });
      const { code, verifier } = await obtainCode(bed, {
        clientId,
        guestId,
        scope: "openid profile email address phone offline_access",
        nonce: "n-1",
      });
      const user = (await (
        await tokenRequest(
          bed,
          { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier },
          basicAuth(clientId, secret),
        )
      ).json()) as { id_token: string; access_token: string };
      const app = (await (
        await tokenRequest(
          bed,
          { grant_type: "client_credentials", scope: `${BASE}/${TENANT}/graph/.default` },
          basicAuth(clientId, secret),
        )
      ).json()) as { access_token: string };

      const tokens = { id_token: user.id_token, access_token: user.access_token, app_token: app.access_token };
      for (const [name, token] of Object.entries(tokens)) {
        const table = rows(section(`claims: ${name}`));
        const documented = new Set(table.flatMap(([claims = ""]) => codeNames(claims)));
        const always = table.filter(([, present = ""]) => present === "always").flatMap(([claims = ""]) => codeNames(claims));
        const actual = Object.keys(decodeJwt(token));
        expect(
          actual.filter((claim) => !documented.has(claim)),
          `${name}: claims the page does not list`,
        ).toEqual([]);
        expect(
          always.filter((claim) => !actual.includes(claim)),
          `${name}: "always" claims the token lacks`,
        ).toEqual([]);
      }
      expect(decodeJwt(user.id_token)).toMatchObject({ nonce: "n-1", given_name: "Ada", address: { locality: "London" } });
    });
  });

  it("registers applications with the commands it prints", { timeout: 180_000 }, async () => {
    const db = await createTestDatabase("sqlite");
    const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/cli.mjs");
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      GUESTGATE_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      NODE_ENV: "development" as const,
    };
    try {
      const commands = section("cli")
        .replace(/\\\n\s*/g, "")
        .split("\n")
        .filter((line) => line.startsWith("npm run guestgate -- "));
      expect(commands.length).toBeGreaterThanOrEqual(3);
      let clientId = "";
      for (const command of commands) {
        const args = [...command.slice("npm run guestgate -- ".length).matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [tsx, "app/_cli/main.ts", ...args.map((a) => (a === "CLIENT_ID" ? clientId : a))],
          {
            cwd: repoRoot,
            env,
          },
        );
        clientId ||= /client id:\s+(\S+)/.exec(stdout)?.[1] ?? "";
      }
      const apps = await db.prisma.application.findMany({ where: { tenantId: "woodgrove" }, include: { secrets: true } });
      expect(apps.map((a) => [a.clientType, a.secrets.length]).sort()).toEqual([
        ["confidential", 2],
        ["public", 0],
      ]);
    } finally {
      await db.drop();
    }
  });
});
