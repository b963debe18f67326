import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FilterExpression, FilterLiteral } from "../../../app/_lib/graph";
import { EMAIL_OTP_ISSUER } from "../../../app/_lib/journeys";
import { testDatabaseProviders } from "../../helpers/database";
import { createTestbed, obtainCode, OTHER_TENANT, REDIRECT, TENANT, tokenRequest, type Testbed } from "../oidc/harness";
import { bodyOf, caller, graphServices, reader, skipTokenOf, writer, type Answer } from "./users-support";

const EXT = "extension_0f1e2d3c4b5a69788796a5b4c3d2e1f0_";
const ADVANCED = { advanced: true } as const;
const eq = (property: string, value: FilterLiteral): FilterExpression => ({ kind: "compare", op: "eq", property, value });

describe.each(testDatabaseProviders())("Graph /users on %s", (provider) => {
  let bed: Testbed;
  let call: ReturnType<typeof caller>;
  let services: ReturnType<typeof graphServices>;
  let spa: string;
  const seeded: string[] = [];

  beforeAll(async () => {
    bed = await createTestbed(provider);
    services = graphServices(bed.db.prisma);
    call = caller(services);
    spa = await bed.publicClient();
    // 260 guests, names with ties (every 10th repeats) and a few without a name, to page through.
    const base = Date.UTC(2026, 5, 1);
    for (let i = 0; i < 260; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      seeded.push(id);
      await bed.db.prisma.guest.create({
        data: {
          id,
          tenantId: TENANT,
          userType: i % 50 === 0 ? "Member" : "Guest",
          createdVia: i % 3 === 0 ? "invitation" : "selfServiceSignUp",
          state: i % 7 === 0 ? "blocked" : "active",
          email: `seed${i}@example.org`,
          displayName: i % 40 === 5 ? null : `Seed ${String(Math.floor(i / 10) * 10).padStart(3, "0")}`,
          createdAt: new Date(base + i * 60_000),
        },
      });
    }
  }, 120_000);
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  const errorOf = (answer: Answer) => ({ status: answer.status, code: answer.error?.code, message: answer.error?.message });
  const ids = (answer: Answer) => bodyOf(answer).value.map((user) => user.id as string);

  async function allPages(query: NonNullable<Parameters<typeof call>[2]>["query"]) {
    const seen: string[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const page = await call("GET", "users", { query: { ...query, ...(skipToken ? { skipToken } : {}) } });
      expect(page.status).toBe(200);
      seen.push(...ids(page));
      skipToken = skipTokenOf(page);
      pages++;
    } while (skipToken && pages < 50);
    return { seen, pages };
  }

  describe("list", () => {
    it("pages every guest once by keyset, in displayName order, with the filter and ConsistencyLevel", async () => {
      const { seen, pages } = await allPages({
        ...ADVANCED,
        filter: eq("userType", "Guest"),
        orderBy: [{ property: "displayName", direction: "asc" }],
        top: 100,
        select: ["id", "displayName"],
      });
      const expected = await bed.db.prisma.guest.findMany({
        where: { tenantId: TENANT, userType: "Guest" },
        // Each database's own place for NULLs: first on SQLite, last on PostgreSQL (the index order).
        orderBy: [{ displayName: { sort: "asc", nulls: provider === "sqlite" ? "first" : "last" } }, { id: "asc" }],
        select: { id: true },
      });
      expect(pages).toBe(Math.ceil(expected.length / 100));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expected.map((g) => g.id));
    });

    it("pages in creation order by default, and descending by createdDateTime", async () => {
      const asc = await allPages({ top: 999 });
      expect(asc.seen.filter((id) => seeded.includes(id))).toEqual(seeded);
      const desc = await allPages({ ...ADVANCED, top: 37, orderBy: [{ property: "createdDateTime", direction: "desc" }] });
      expect(desc.seen.filter((id) => seeded.includes(id))).toEqual([...seeded].reverse());
    });

    it("shows the default property set without $select, and selected ones with it", async () => {
      const page = await call("GET", "users", { query: { top: 1, filter: eq("id", { guid: seeded[1]! }) } });
      expect(bodyOf(page).value).toEqual([
        {
          id: seeded[1],
          businessPhones: [],
          displayName: "Seed 000",
          givenName: null,
          jobTitle: null,
          mail: "seed1@example.org",
          mobilePhone: null,
          officeLocation: null,
          preferredLanguage: null,
          surname: null,
          userPrincipalName: "seed1_example.org#EXT#@woodgrove.guestgate",
        },
      ]);
      const selected = await call("GET", "users", {
        query: { filter: eq("id", seeded[3]!), select: ["accountEnabled", "creationType", "externalUserState", "userType"] },
      });
      expect(bodyOf(selected).value).toEqual([
        { id: seeded[3], accountEnabled: true, creationType: "Invitation", externalUserState: "Accepted", userType: "Guest" },
      ]);
      expect(errorOf(await call("GET", "users", { query: { select: ["password"] } }))).toMatchObject({ status: 400 });
    });

    it("filters on ids, names, mail, state, creation type and creation time", async () => {
      const match = async (filter: unknown, advanced = false) =>
        ids(await call("GET", "users", { query: { filter: filter as never, top: 999, advanced } })).filter((id) =>
          seeded.includes(id),
        );
      expect(await match({ kind: "in", property: "id", values: [seeded[4], seeded[9]] })).toEqual([seeded[4], seeded[9]]);
      expect(await match({ kind: "function", name: "startsWith", property: "displayName", value: "seed 25" })).toHaveLength(10);
      expect(await match(eq("mail", "SEED12@example.org"))).toEqual([seeded[12]]);
      expect(await match({ kind: "function", name: "startsWith", property: "mail", value: "seed25" })).toEqual([
        seeded[25],
        ...seeded.slice(250, 260),
      ]);
      const blocked = seeded.filter((_, i) => i % 7 === 0);
      expect(await match(eq("accountEnabled", false))).toEqual(blocked);
      expect(await match(eq("accountEnabled", true))).toHaveLength(260 - blocked.length);
      expect(await match(eq("creationType", "Invitation"))).toEqual(seeded.filter((_, i) => i % 3 === 0));
      expect(await match(eq("externalUserState", "Accepted"))).toEqual(seeded.filter((_, i) => i % 3 === 0));
      const from = new Date(Date.UTC(2026, 5, 1) + 250 * 60_000).toISOString();
      expect(await match({ kind: "compare", op: "ge", property: "createdDateTime", value: { dateTime: from } })).toEqual(
        seeded.slice(250),
      );
      expect(
        await match(
          { kind: "and", left: eq("userType", "Member"), right: { kind: "not", operand: eq("accountEnabled", false) } },
          true,
        ),
        // Members are every 50th guest; of them only the first (0) is also blocked (every 7th).
      ).toEqual([seeded[50], seeded[100], seeded[150], seeded[200], seeded[250]]);
      expect(await match({ kind: "or", left: eq("id", seeded[1]!), right: eq("mail", "seed2@example.org") })).toEqual([
        seeded[1],
        seeded[2],
      ]);
    });

    it("refuses what it cannot answer from an index, naming it, and advanced-only operators without ConsistencyLevel", async () => {
      // jobTitle is an attribute (users-filter.test.ts); officeLocation has nothing behind it.
      expect(errorOf(await call("GET", "users", { query: { filter: eq("officeLocation", "x") } }))).toEqual({
        status: 400,
        code: "Request_UnsupportedQuery",
        message: "Unsupported property 'officeLocation' in $filter.",
      });
      const ne = { kind: "compare", op: "ne", property: "userType", value: "Guest" } as const;
      expect(errorOf(await call("GET", "users", { query: { filter: ne } }))).toMatchObject({
        status: 400,
        code: "Request_UnsupportedQuery",
      });
      expect((await call("GET", "users", { query: { filter: ne, ...ADVANCED } })).status).toBe(200);
      expect(
        errorOf(await call("GET", "users", { query: { search: [{ property: "displayName", value: "seed" }] } })),
      ).toMatchObject({
        status: 400,
        code: "Request_UnsupportedQuery",
      });
      expect(errorOf(await call("GET", "users", { query: { skipToken: "forged.token" } }))).toMatchObject({
        status: 400,
        message: expect.stringContaining("$skiptoken"),
      });
    });

    it("searches display names (contains, any case) and counts as an advanced query", async () => {
      const page = await call("GET", "users", {
        query: { ...ADVANCED, count: true, search: [{ property: "displayName", value: "ED 12" }], top: 5 },
      });
      // Seed 120 … Seed 129, but for 125, which has no name.
      expect(bodyOf(page)["@odata.count"]).toBe(9);
      expect(ids(page)).toHaveLength(5);
      const noHeader = await call("GET", "users", { query: { count: true, top: 1 } });
      expect(bodyOf(noHeader)["@odata.count"]).toBeUndefined();
      expect(await call("GET", "users/$count", { query: { ...ADVANCED, filter: eq("userType", "Member") } })).toEqual({
        status: 200,
        text: "6",
        contentType: "text/plain",
      });
      expect(errorOf(await call("GET", "users/$count"))).toEqual({
        status: 400,
        code: "Request_BadRequest",
        message: "$count is not currently supported.",
      });
    });
  });

  describe("one guest", () => {
    it("is found by id, by mail and by userPrincipalName, with an ETag", async () => {
      for (const id of [seeded[20]!, "seed20@example.org", "seed20_example.org#EXT#@woodgrove.guestgate"]) {
        const answer = await call("GET", "users/{id}", { params: { id }, actor: reader });
        expect(bodyOf(answer)).toMatchObject({ id: seeded[20], mail: "seed20@example.org" });
        expect("headers" in answer && answer.headers?.ETag).toMatch(/^W\/"\d+"$/);
      }
      expect(errorOf(await call("GET", "users/{id}", { params: { id: "nobody@example.org" } }))).toMatchObject({ status: 404 });
    });

    it("creates a guest with identities (POST /users), refuses a taken identity, audits", async () => {
      const created = await call("POST", "users", {
        body: {
          accountEnabled: true,
          mail: "ana.berg@example.net",
          userType: "Guest",
          displayName: "Ana Berg",
          userPrincipalName: "ana.berg_example.net#EXT#@northwind.example",
          identities: [{ signInType: "federated", issuer: "mail", issuerAssignedId: "ana.berg@example.net" }],
          city: "Utrecht",
        },
      });
      expect(created.status).toBe(201);
      const user = bodyOf(created);
      expect(user).toMatchObject({ displayName: "Ana Berg", mail: "ana.berg@example.net" });
      const identities = await bed.db.prisma.identity.findMany({ where: { guestId: user.id as string } });
      expect(identities).toMatchObject([
        { tenantId: TENANT, issuer: EMAIL_OTP_ISSUER, subject: "ana.berg@example.net", provider: "email" },
      ]);
      const read = bodyOf(
        await call("GET", "users/{id}", {
          params: { id: user.id as string },
          query: { select: ["identities", "city", "creationType"] },
        }),
      );
      expect(read).toMatchObject({
        city: "Utrecht",
        creationType: null,
        identities: [
          { signInType: "federated", issuer: "mail", issuerAssignedId: "ana.berg@example.net" },
          {
            signInType: "userPrincipalName",
            issuer: "woodgrove.guestgate",
            issuerAssignedId: "ana.berg_example.net#EXT#@woodgrove.guestgate",
          },
        ],
      });
      const found = await call("GET", "users", {
        query: {
          filter: {
            kind: "any",
            property: "identities",
            body: { kind: "and", left: eq("issuer", "mail"), right: eq("issuerAssignedId", "ana.berg@example.net") },
          },
        },
      });
      expect(ids(found)).toEqual([user.id]);
      const twice = await call("POST", "users", {
        body: { identities: [{ signInType: "federated", issuer: "mail", issuerAssignedId: "ana.berg@example.net" }] },
      });
      expect(errorOf(twice)).toEqual({
        status: 400,
        code: "Request_BadRequest",
        message: "Another object with the same value for property identities already exists.",
      });
      expect(
        await bed.db.prisma.auditEvent.findMany({
          where: { targetId: user.id as string },
          select: { type: true, actorId: true },
        }),
      ).toEqual([{ type: "guest.created", actorId: "approvals" }]);
      expect(
        errorOf(
          await call("POST", "users", {
            actor: reader,
            body: { identities: [{ signInType: "federated", issuer: "google.com", issuerAssignedId: "1" }] },
          }),
        ),
      ).toMatchObject({ status: 403 });
    });
  });

  describe("changes", () => {
    it("patches attributes, the name and custom extension attributes; a stale If-Match is 412", async () => {
      await bed.db.prisma.customAttribute.create({ data: { tenantId: TENANT, name: "kvkNumber", dataType: "string" } });
      // A custom attribute a flow declares in place counts too; the other tenant's does not.
      const declaring = (name: string) =>
        JSON.stringify({ name: "signup", attributes: [{ name: "givenName" }, { name, type: "string", label: { en: name } }] });
      await bed.db.prisma.userFlow.create({ data: { tenantId: TENANT, name: "signup", definition: declaring("dietaryNeeds") } });
      await bed.db.prisma.userFlow.create({
        data: { tenantId: OTHER_TENANT, name: "signup", definition: declaring("foreignOnly") },
      });
      const id = seeded[30]!;
      const before = await call("GET", "users/{id}", { params: { id } });
      const etag = "headers" in before ? before.headers?.ETag : undefined;
      const patched = await call("PATCH", "users/{id}", {
        params: { id },
        headers: { "If-Match": etag! },
        body: {
          displayName: "Renamed",
          givenName: "Ria",
          city: "Delft",
          mobilePhone: "+31612345678",
          [`${EXT}kvkNumber`]: "12345678",
          [`${EXT}dietaryNeeds`]: "vegan",
        },
      });
      expect(patched).toEqual({ status: 204 });
      const read = bodyOf(
        await call("GET", "users/{id}", {
          params: { id },
          query: { select: ["displayName", "givenName", "city", "mobilePhone", `${EXT}kvkNumber`, `${EXT}dietaryNeeds`] },
        }),
      );
      expect(read).toEqual({
        id,
        displayName: "Renamed",
        givenName: "Ria",
        city: "Delft",
        mobilePhone: "+31612345678",
        [`${EXT}kvkNumber`]: "12345678",
        [`${EXT}dietaryNeeds`]: "vegan",
      });
      expect(await call("PATCH", "users/{id}", { params: { id }, body: { city: null } })).toEqual({ status: 204 });
      expect(bodyOf(await call("GET", "users/{id}", { params: { id }, query: { select: ["city"] } })).city).toBeNull();
      const stale = await call("PATCH", "users/{id}", {
        params: { id },
        headers: { "If-Match": etag! },
        body: { city: "Gouda", accountEnabled: false },
      });
      expect(errorOf(stale)).toMatchObject({ status: 412, code: "PreconditionFailed" });
      const row = await bed.db.prisma.guest.findUniqueOrThrow({ where: { id }, include: { attributes: true } });
      expect(row.state).toBe("active");
      expect(row.attributes.map((a) => a.name)).not.toContain("city");
      expect(
        errorOf(await call("PATCH", "users/{id}", { params: { id }, headers: { "If-Match": 'W/"x"' }, body: { city: "Ede" } })),
      ).toMatchObject({ status: 412 });
      expect(await call("PATCH", "users/{id}", { params: { id }, headers: { "If-Match": "*" }, body: { city: "Ede" } })).toEqual({
        status: 204,
      });
    });

    it("refuses bad bodies with 400 naming the property, and writes nothing", async () => {
      const id = seeded[31]!;
      const snapshot = async () => bed.db.prisma.guest.findUniqueOrThrow({ where: { id }, include: { attributes: true } });
      const before = await snapshot();
      const bad: [unknown, string][] = [
        [{ id: "x", city: "Delft" }, "Property 'id' is read-only"],
        [{ createdDateTime: "2020-01-01T00:00:00Z" }, "createdDateTime"],
        [{ identities: [], city: "Delft" }, "identities"],
        [{ userType: "Member" }, "userType"],
        [{ [`${EXT}unknown`]: "x", city: "Delft" }, `${EXT}unknown`],
        [{ favouriteColour: "red" }, "favouriteColour"],
        [{ [`${EXT}foreignOnly`]: "x" }, `${EXT}foreignOnly`],
        [{ [`${EXT}kvkNumber`]: { nested: true } }, `${EXT}kvkNumber`],
        [{ city: 12 }, "city"],
        [{ accountEnabled: "no" }, "accountEnabled"],
        [{ givenName: "x".repeat(65) }, "givenName"],
      ];
      for (const [body, named] of bad) {
        const answer = await call("PATCH", "users/{id}", { params: { id }, body });
        expect(answer.status).toBe(400);
        expect(answer.error?.message).toContain(named);
      }
      expect(await snapshot()).toEqual(before);
    });

    it("blocks with accountEnabled false: the guest's refresh token is refused at the token endpoint", async () => {
      const guestId = await bed.guest({ email: "blocked-later@example.org" });
      const refreshToken = await signedIn(guestId);
      expect(await call("PATCH", "users/{id}", { params: { id: guestId }, body: { accountEnabled: false } })).toEqual({
        status: 204,
      });
      expect((await bed.db.prisma.guest.findUniqueOrThrow({ where: { id: guestId } })).state).toBe("blocked");
      const refused = await tokenRequest(bed, { grant_type: "refresh_token", refresh_token: refreshToken, client_id: spa });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toBe("invalid_grant");
      expect(await call("PATCH", "users/{id}", { params: { id: guestId }, body: { accountEnabled: true } })).toEqual({
        status: 204,
      });
      expect(
        bodyOf(await call("GET", "users/{id}", { params: { id: guestId }, query: { select: ["accountEnabled"] } }))
          .accountEnabled,
      ).toBe(true);
    });

    it("revokeSignInSessions ends the refresh token and keeps the guest; audited", async () => {
      const guestId = await bed.guest({ email: "revoked@example.org" });
      const refreshToken = await signedIn(guestId);
      const answer = await call("POST", "users/{id}/revokeSignInSessions", { params: { id: guestId } });
      expect(bodyOf(answer)).toMatchObject({ value: true });
      const refused = await tokenRequest(bed, { grant_type: "refresh_token", refresh_token: refreshToken, client_id: spa });
      expect(refused.status).toBe(400);
      expect(await bed.db.prisma.guest.count({ where: { id: guestId } })).toBe(1);
      expect(await bed.db.prisma.opSession.count({ where: { guestId, endedAt: null } })).toBe(0);
      const events = await bed.db.prisma.auditEvent.findMany({ where: { targetId: guestId }, select: { type: true } });
      expect(events.map((e) => e.type)).toContain("guest.signInSessionsRevoked");
    });

    it("deletes a guest and its refresh tokens stop working", async () => {
      const guestId = await bed.guest({ email: "leaving@example.org" });
      const refreshToken = await signedIn(guestId);
      expect(await call("DELETE", "users/{id}", { params: { id: guestId } })).toEqual({ status: 204 });
      expect(errorOf(await call("GET", "users/{id}", { params: { id: guestId } }))).toMatchObject({
        status: 404,
        code: "Request_ResourceNotFound",
      });
      expect((await tokenRequest(bed, { grant_type: "refresh_token", refresh_token: refreshToken, client_id: spa })).status).toBe(
        400,
      );
    });

    it("stamps externalUserStateChangeDateTime when an invited guest redeems", async () => {
      const pending = await services.directory.createPending(writer, TENANT, {
        email: "invitee@example.org",
        displayName: null,
        createdVia: "invitation",
      });
      const select = { select: ["externalUserState", "externalUserStateChangeDateTime"] };
      expect(bodyOf(await call("GET", "users/{id}", { params: { id: pending.id }, query: select }))).toEqual({
        id: pending.id,
        externalUserState: "PendingAcceptance",
        externalUserStateChangeDateTime: null,
      });
      await services.directory.linkIdentity(writer, TENANT, pending.id, {
        providerId: "email",
        issuer: EMAIL_OTP_ISSUER,
        subject: "invitee@example.org",
        emailVerified: true,
      });
      const after = bodyOf(await call("GET", "users/{id}", { params: { id: pending.id }, query: select }));
      expect(after).toMatchObject({
        externalUserState: "Accepted",
        externalUserStateChangeDateTime: expect.stringMatching(/Z$/),
      });
    });
  });

  it("never reaches another tenant's guest: 404 on every route", async () => {
    const foreign = await bed.db.prisma.guest.create({
      data: {
        tenantId: OTHER_TENANT,
        userType: "Guest",
        createdVia: "selfServiceSignUp",
        email: "foreign@example.se",
        displayName: "Foreign",
      },
    });
    const params = { id: foreign.id };
    for (const [method, path, body] of [
      ["GET", "users/{id}", undefined],
      ["PATCH", "users/{id}", { city: "Malmö" }],
      ["DELETE", "users/{id}", undefined],
      ["POST", "users/{id}/revokeSignInSessions", undefined],
    ] as const) {
      expect(errorOf(await call(method, path, { params, body }))).toMatchObject({
        status: 404,
        code: "Request_ResourceNotFound",
      });
    }
    expect(errorOf(await call("GET", "users/{id}", { params: { id: "foreign@example.se" } }))).toMatchObject({ status: 404 });
    expect(ids(await call("GET", "users", { query: { filter: eq("id", foreign.id) } }))).toEqual([]);
    expect(await bed.db.prisma.guest.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ state: "active" });
  });

  it("/me is the delegated administrator's own record, and refused for applications", async () => {
    const admin = { type: "administrator", id: seeded[50]!, role: "directoryReader" } as const;
    expect(bodyOf(await call("GET", "me", { actor: admin }))).toMatchObject({ id: seeded[50] });
    expect(errorOf(await call("GET", "me"))).toEqual({
      status: 400,
      code: "Request_BadRequest",
      message: "/me request is only valid with delegated authentication flow.",
    });
  });

  async function signedIn(guestId: string): Promise<string> {
    const { code, verifier } = await obtainCode(bed, { clientId: spa, guestId, scope: "openid offline_access" });
    const response = await tokenRequest(bed, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      client_id: spa,
      code_verifier: verifier,
    });
    const tokens = (await response.json()) as { refresh_token?: string };
    if (!tokens.refresh_token) throw new Error(`no refresh token: ${JSON.stringify(tokens)}`);
    expect(
      (await tokenRequest(bed, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: spa })).status,
    ).toBe(200);
    // The first refresh rotated it; sign in again for a token that is still live.
    const again = await obtainCode(bed, { clientId: spa, guestId, scope: "openid offline_access" });
    const second = (await (
      await tokenRequest(bed, {
        grant_type: "authorization_code",
        code: again.code,
        redirect_uri: REDIRECT,
        client_id: spa,
        code_verifier: again.verifier,
      })
    ).json()) as { refresh_token: string };
    return second.refresh_token;
  }
});
