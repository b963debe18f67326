// The security properties the provider's per-process caches touch, with two provider instances
// (own database client, own caches, own key store) over one database: a revoked secret, a blocked
// guest, a rotated key, a changed user flow and a new app role take effect within
// LIFETIMES.configCache on both (a removed role, like a blocked guest, at once),
// and a code redeemed on one instance is a replay on the other. The clock is the providers' own,
// moved past the bound instead of sleeping.
import { readFileSync } from "node:fs";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplicationDirectoryStore, createGroupStore, createUserFlowStore, type PrismaClient } from "../../../app/_lib/db";
import { createAppRoleAssignmentService } from "../../../app/_lib/directory";
import { createUserFlowService, type UserFlowService } from "../../../app/_lib/journeys";
import { appRoleId, createApplicationDirectory, LIFETIMES } from "../../../app/_lib/oidc";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { createPrismaClient } from "../../../app/_lib/db";
import { testDatabaseProviders } from "../../helpers/database";
import {
  BASE,
  basicAuth,
  createTestbed,
  form,
  FORM_HEADERS,
  obtainCode,
  TENANT,
  TOKEN_URL,
  type Instance,
  type Testbed,
} from "./harness";

const BOUND_MS = LIFETIMES.configCache * 1000;
const OAUTH = `${BASE}/${TENANT}/oauth2/v2.0`;
const JWKS_URL = `${BASE}/${TENANT}/discovery/v2.0/keys`;

describe.each(testDatabaseProviders())("caches across two instances on %s", (provider) => {
  let nowMs = Date.now();
  const clock = { now: () => new Date(nowMs) };
  const passBound = () => void (nowMs += BOUND_MS);
  let bed: Testbed;
  let b: Instance;
  let web: { clientId: string; secret: string };

  beforeAll(async () => {
    bed = await createTestbed(provider, { clock, cacheSeconds: LIFETIMES.configCache });
    b = bed.instance();
    web = await bed.confidentialClient({ grantTypes: ["authorization_code", "refresh_token", "client_credentials"] });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const post = (fetcher: typeof fetch, url: string, body: Record<string, string>, client = web) =>
    fetcher(url, {
      method: "POST",
      headers: { ...FORM_HEADERS, ...basicAuth(client.clientId, client.secret) },
      body: form(body),
    });
  const appToken = (fetcher: typeof fetch, client = web) =>
    post(fetcher, TOKEN_URL, { grant_type: "client_credentials" }, client);
  const active = async (fetcher: typeof fetch, token: string) =>
    ((await (await post(fetcher, `${OAUTH}/introspect`, { token })).json()) as { active: boolean }).active;

  it("a secret revoked elsewhere stops working on both instances within the bound", async () => {
    const client = await bed.confidentialClient({ grantTypes: ["client_credentials"] });
    expect((await appToken(bed.fetch, client)).status).toBe(200);
    expect((await appToken(b.fetch, client)).status).toBe(200);
    // As the Graph API's removePassword does: the row goes, through another store than the provider's.
    await bed.db.prisma.clientSecret.deleteMany({ where: { application: { clientId: client.clientId } } });
    // Within the bound a copy may still accept it (the documented staleness) ...
    expect((await appToken(b.fetch, client)).status).toBe(200);
    passBound();
    // ... and past it neither instance does.
    for (const fetcher of [bed.fetch, b.fetch]) {
      const refused = await appToken(fetcher, client);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: "invalid_client" });
    }
  });

  it("a secret revoked through this process's application directory stops working here at once", async () => {
    const client = await bed.confidentialClient({ grantTypes: ["client_credentials"] });
    expect((await appToken(bed.fetch, client)).status).toBe(200);
    expect((await appToken(b.fetch, client)).status).toBe(200);
    // Wired as server.ts wires it: the portal's, Graph's and the CLI's verbs, telling the provider.
    const directory = createApplicationDirectory({
      store: createApplicationDirectoryStore(bed.db.prisma),
      clock,
      changed: () => bed.op.forgetApplications(),
    });
    const app = await bed.db.prisma.application.findFirstOrThrow({
      where: { clientId: client.clientId },
      include: { secrets: true },
    });
    await directory.removePassword({ type: "system", name: "test" }, TENANT, { id: app.id }, app.secrets[0]!.id);
    const refused = await appToken(bed.fetch, client);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "invalid_client" });
    // Another process learns it within the bound, as above.
    expect((await appToken(b.fetch, client)).status).toBe(200);
    passBound();
    expect((await appToken(b.fetch, client)).status).toBe(401);
  });

  it("a guest blocked elsewhere gets no tokens from either instance, at once", async () => {
    const guestId = await bed.guest();
    const first = await obtainCode(bed, { clientId: web.clientId, guestId, scope: "openid offline_access" });
    const issued = await post(bed.fetch, TOKEN_URL, {
      grant_type: "authorization_code",
      code: first.code,
      redirect_uri: "https://app.example/callback",
      code_verifier: first.verifier,
    });
    expect(issued.status).toBe(200);
    const tokens = (await issued.json()) as { access_token: string; refresh_token: string };
    const second = await obtainCode(bed, { clientId: web.clientId, guestId, browser: first.browser });
    // Both instances have read the guest and the client before the block.
    expect(await active(b.fetch, tokens.access_token)).toBe(true);

    await bed.db.prisma.guest.update({ where: { id: guestId }, data: { state: "blocked" } });
    // No cache in front of guests: refused on the very next request, on the other instance too.
    const exchange = await post(b.fetch, TOKEN_URL, {
      grant_type: "authorization_code",
      code: second.code,
      redirect_uri: "https://app.example/callback",
      code_verifier: second.verifier,
    });
    expect(await exchange.json()).toMatchObject({ error: "invalid_grant" });
    const refresh = await post(b.fetch, TOKEN_URL, { grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
    expect(await active(b.fetch, tokens.access_token)).toBe(false);
    expect(await active(bed.fetch, tokens.access_token)).toBe(false);
  });

  it("a key rotated on one instance signs and verifies on the other within the bound", async () => {
    const kidsOn = async (fetcher: typeof fetch) =>
      ((await (await fetcher(JWKS_URL)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
    const kidOf = async (fetcher: typeof fetch) =>
      decodeProtectedHeader(((await (await appToken(fetcher)).json()) as { access_token: string }).access_token).kid;
    const before = await kidOf(b.fetch);
    expect(await kidsOn(b.fetch)).toContain(before);

    const rotated = await bed.op.keys.rotate(TENANT);
    const es256 = rotated.find((key) => key.alg === "ES256")!.kid;
    // The rotating instance publishes and signs with the new key at once.
    expect(await kidsOn(bed.fetch)).toEqual(expect.arrayContaining([es256, before]));
    const fromA = (await (await appToken(bed.fetch)).json()) as { access_token: string };
    expect(decodeProtectedHeader(fromA.access_token).kid).toBe(es256);

    passBound();
    // The other one within the bound: the new key in its JWKS (the old one kept for the grace
    // period), its tokens signed with it, and A's tokens verified by it.
    expect(await kidsOn(b.fetch)).toEqual(expect.arrayContaining([es256, before]));
    expect(await kidOf(b.fetch)).toBe(es256);
    expect(await active(b.fetch, fromA.access_token)).toBe(true);
  });

  it("a role configured elsewhere reaches the tokens within the bound; a role removed elsewhere leaves them at once", async () => {
    const client = await bed.confidentialClient({ grantTypes: ["authorization_code"] });
    const guestId = await bed.guest();
    const rolesFrom = async (fetcher: typeof fetch) => {
      const { code, verifier } = await obtainCode(bed, { clientId: client.clientId, guestId, scope: "openid" });
      const response = await post(
        fetcher,
        TOKEN_URL,
        { grant_type: "authorization_code", code, redirect_uri: "https://app.example/callback", code_verifier: verifier },
        client,
      );
      expect(response.status).toBe(200);
      const { id_token: idToken, access_token: accessToken } = (await response.json()) as Record<string, string>;
      expect(decodeJwt(accessToken!).roles).toEqual(decodeJwt(idToken!).roles);
      return decodeJwt(idToken!).roles;
    };
    // B holds the application as it was: no roles, so its tokens read none.
    expect(await rolesFrom(b.fetch)).toBeUndefined();
    const role = { value: "Partner.Read", displayName: "Partner", description: "Partner", allowedMemberTypes: ["User"] };
    const app = await bed.db.prisma.application.update({
      where: { clientId: client.clientId },
      data: { appRoles: JSON.stringify([role]) },
    });
    await createAppRoleAssignmentService(createGroupStore(bed.db.prisma)).create(
      { type: "administrator", id: "admin-1", role: "globalAdministrator" },
      TENANT,
      { userId: guestId, resourceId: app.id, appRoleId: appRoleId(client.clientId, { value: role.value }) },
    );
    // A new role may be missing from B's tokens until its copy is older than the bound ...
    expect(await rolesFrom(b.fetch)).toBeUndefined();
    passBound();
    expect(await rolesFrom(b.fetch)).toEqual(["Partner.Read"]);
    // ... but the copy never keeps one alive: B's copy still lists the role, the rows decide.
    await bed.db.prisma.application.update({ where: { clientId: client.clientId }, data: { appRoles: "[]" } });
    expect(await rolesFrom(b.fetch)).toBeUndefined();
  });

  it("a code redeemed on one instance is a replay on the other, and revokes what it gave", async () => {
    const guestId = await bed.guest();
    const { code, verifier } = await obtainCode(bed, { clientId: web.clientId, guestId, scope: "openid offline_access" });
    const body = {
      grant_type: "authorization_code",
      code,
      redirect_uri: "https://app.example/callback",
      code_verifier: verifier,
    };
    // At the same time on PostgreSQL. Not on SQLite: two clients of one file in one process block
    // each other (the local client's busy wait holds the event loop the other needs to commit).
    const [one, two] =
      provider === "postgres"
        ? await Promise.all([post(bed.fetch, TOKEN_URL, body), post(b.fetch, TOKEN_URL, body)])
        : [await post(bed.fetch, TOKEN_URL, body), await post(b.fetch, TOKEN_URL, body)];
    const answers = [one, two].map((response) => response.status).sort();
    expect(answers).toEqual([200, 400]);
    const winner = (await (one.status === 200 ? one : two).json()) as { access_token: string; refresh_token: string };
    // The loser revoked the winner's grant: its access and refresh tokens are dead on both instances.
    for (const fetcher of [bed.fetch, b.fetch]) {
      expect(await active(fetcher, winner.access_token)).toBe(false);
      expect(await active(fetcher, winner.refresh_token)).toBe(false);
    }
    const replay = await post(b.fetch, TOKEN_URL, body);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("stores no grant per client-credentials token; revoking one is seen by both instances at once", async () => {
    const before = await bed.db.prisma.grant.count();
    const { access_token: token } = (await (await appToken(bed.fetch)).json()) as { access_token: string };
    expect(await bed.db.prisma.grant.count()).toBe(before);
    expect(await active(b.fetch, token)).toBe(true);
    expect((await post(b.fetch, `${OAUTH}/revoke`, { token })).status).toBe(200);
    expect(await bed.db.prisma.grant.count()).toBe(before + 1);
    expect(await active(bed.fetch, token)).toBe(false);
    expect(await active(b.fetch, token)).toBe(false);
    expect(await bed.op.verifyAccessToken(TENANT, token, String(decodeJwt(token).aud))).toBeUndefined();
    // Revoking it again changes nothing; a fresh token of the same client is alive.
    expect((await post(bed.fetch, `${OAUTH}/revoke`, { token })).status).toBe(200);
    const { access_token: fresh } = (await (await appToken(b.fetch)).json()) as { access_token: string };
    expect(await active(bed.fetch, fresh)).toBe(true);
  });

  describe("user flows", () => {
    const tenants = createTenantDirectory(loadTenantsConfig("tenants.json"));
    const sourceMessages = JSON.parse(readFileSync("messages/en.json", "utf8")) as Record<string, unknown>;
    const APP = "44444444-4444-4444-8444-444444444444";
    const file = (name: string) =>
      JSON.stringify({
        userFlows: [
          {
            name,
            displayName: `Flow ${name}`,
            identityProviders: ["email"],
            attributes: [{ name: "givenName", required: true }],
            applications: [APP],
          },
        ],
      });
    const OPERATOR = { type: "system", name: "caches-test" } as const;
    let otherPrisma: PrismaClient;
    let flowsA: UserFlowService;
    let flowsB: UserFlowService;
    const nameOn = async (service: UserFlowService) => {
      const lookup = await service.flowFor("woodgrove", APP);
      return lookup.status === "assigned" ? lookup.flow.name : lookup.status;
    };

    beforeAll(() => {
      otherPrisma = createPrismaClient(bed.db.url);
      const over = (prisma: PrismaClient) =>
        createUserFlowService({ store: createUserFlowStore(prisma), tenants, sourceMessages, warn: () => {}, clock });
      flowsA = over(bed.db.prisma);
      flowsB = over(otherPrisma);
    });
    afterAll(async () => {
      await otherPrisma?.$disconnect();
    });

    it("a flow changed on one instance is what the other starts within the bound", async () => {
      await flowsA.importFile(OPERATOR, "woodgrove", file("first"));
      expect(await nameOn(flowsB)).toBe("first");
      await flowsA.importFile(OPERATOR, "woodgrove", file("second"));
      // The importing instance at once; the other may keep its copy until the bound ...
      expect(await nameOn(flowsA)).toBe("second");
      expect(await nameOn(flowsB)).toBe("first");
      passBound();
      // ... and not past it.
      expect(await nameOn(flowsB)).toBe("second");
    });
  });
});
