import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserFlowStore } from "../../../app/_lib/db";
import { createCursorCodec, type Actor } from "../../../app/_lib/directory";
import {
  GRAPH_ROUTES,
  isGraphError,
  type FilterExpression,
  type GraphResult,
  type GraphServices,
  type GraphTenant,
} from "../../../app/_lib/graph";
import { graphRequest } from "../../../app/_lib/graph/testing/request";
import { createUserFlowService, type UserFlowService } from "../../../app/_lib/journeys";
import { createTenantDirectory, loadTenantsConfig, type Tenant } from "../../../app/_lib/tenant";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const config = loadTenantsConfig("tenants.json");
const directory = createTenantDirectory(config);
const sourceMessages = JSON.parse(readFileSync("messages/en.json", "utf8")) as Record<string, unknown>;

// Woodgrove with a Google provider besides its e-mail passcode, so Graph's provider ids have two kinds to map.
const woodgrove: Tenant = {
  ...directory.find("woodgrove")!,
  identityProviders: [
    ...directory.find("woodgrove")!.identityProviders,
    { kind: "google", id: "google", clientId: "google-client", clientSecretEnv: "GOOGLE_CLIENT_SECRET" },
  ],
};
const tenants = { find: (slug: string) => (slug === "woodgrove" ? woodgrove : directory.find(slug)) };

const EXTENSIONS = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const WOODGROVE: GraphTenant = { slug: "woodgrove", id: woodgrove.id, extensionsAppId: EXTENSIONS };
const SPARBANKEN: GraphTenant = { slug: "sparbanken", id: directory.find("sparbanken")!.id, extensionsAppId: "a".repeat(32) };
const APP = "11111111-1111-4111-8111-111111111111";
const WRITER: Actor = { type: "application", clientId: "flows-admin", permissions: ["IdentityUserFlow.ReadWrite.All"] };
const READER: Actor = { type: "application", clientId: "flows-reader", permissions: ["IdentityUserFlow.Read.All"] };
const ORG_TYPE = `extension_${EXTENSIONS}_orgType`;
// One key for every request, as the API has: a $skiptoken from one page opens the next.
const cursors = createCursorCodec(randomBytes(32));

interface Call {
  tenant?: GraphTenant;
  actor?: Actor;
  body?: unknown;
  text?: string;
  filter?: FilterExpression;
  top?: number;
  skipToken?: string;
}

/** Matches `GET identity/b2xUserFlows/B2X_1_x` to its route the way the router does: literal segments, then parameters. */
function route(method: string, url: string) {
  const parts = url.split("/");
  const candidates = GRAPH_ROUTES.filter((r) => r.method === method && r.path.split("/").length === parts.length);
  const score = (path: string) => path.split("/").filter((segment) => !segment.startsWith("{")).length;
  for (const candidate of candidates.sort((a, b) => score(b.path) - score(a.path))) {
    const params: Record<string, string> = {};
    const ok = candidate.path.split("/").every((segment, i) => {
      if (segment.startsWith("{")) return ((params[segment.slice(1, -1)] = decodeURIComponent(parts[i]!)), true);
      return segment === parts[i];
    });
    if (ok) return { route: candidate, params };
  }
  throw new Error(`no route for ${method} ${url}`);
}

describe.each(testDatabaseProviders())("Graph user flows on %s", (provider) => {
  let db: TestDatabase;
  let userFlows: UserFlowService;

  async function call(method: string, url: string, options: Call = {}): Promise<GraphResult> {
    const { route: matched, params } = route(method, url);
    const request = graphRequest({ userFlows } as unknown as GraphServices, {
      method: matched.method,
      tenant: options.tenant ?? WOODGROVE,
      actor: options.actor ?? WRITER,
      params,
      cursors,
      body: matched.body ? matched.body.parse(options.body) : undefined,
      ...(options.text !== undefined ? { text: options.text } : {}),
      query: { filter: options.filter, top: options.top, skipToken: options.skipToken },
    });
    return matched.handle(request);
  }
  /** The GraphError a call fails with. */
  async function failure(method: string, url: string, options: Call = {}) {
    const error = await call(method, url, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isGraphError(error)) throw new Error(`expected a GraphError, got ${String(error)}`);
    return error;
  }
  const body = (result: GraphResult) => ("body" in result ? result.body : undefined) as Record<string, unknown>;
  const stored = (tenantId: string, name: string) =>
    db.prisma.userFlow.findUnique({
      where: { tenantId_name: { tenantId, name } },
      select: { definition: true, updatedAt: true },
    });

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    userFlows = createUserFlowService({ store: createUserFlowStore(db.prisma), tenants, sourceMessages, warn: () => {} });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("creates a flow through the routes; attributes and their order are what the next sign-up page shows", async () => {
    const created = await call("POST", "identity/b2xUserFlows", {
      body: {
        id: "Partners",
        userFlowType: "signUpOrSignIn",
        userFlowTypeVersion: 1,
        identityProviders: [{ id: "emailotpsignup-oauth" }],
        guestgateApplications: [APP],
      },
    });
    expect(created.status).toBe(201);
    expect(body(created)).toMatchObject({
      id: "B2X_1_partners",
      userFlowType: "signUpOrSignIn",
      userFlowTypeVersion: 1,
      apiConnectorConfiguration: {},
      guestgateApplications: [APP],
    });
    expect("headers" in created && created.headers?.Location).toBe(
      "https://id.guestgate.test/woodgrove/graph/v1.0/identity/b2xUserFlows/B2X_1_partners",
    );
    // Graph's id as the client wrote it finds the flow.
    expect(body(await call("GET", "identity/b2xUserFlows/B2X_1_Partners")).id).toBe("B2X_1_partners");

    expect(
      (
        await call("POST", "identity/b2xUserFlows/B2X_1_partners/identityProviders/$ref", {
          body: { "@odata.id": "https://graph.microsoft.com/v1.0/identity/identityProviders/Google-OAUTH" },
        })
      ).status,
    ).toBe(204);
    expect(body(await call("GET", "identity/b2xUserFlows/B2X_1_partners/identityProviders")).value).toEqual([
      { id: "EmailOtpSignup-OAUTH", name: "email", type: "EmailOTP" },
      { id: "Google-OAUTH", name: "google", type: "Google" },
    ]);
    expect((await call("DELETE", "identity/b2xUserFlows/B2X_1_partners/identityProviders/google-oauth/$ref")).status).toBe(204);

    const attribute = await call("POST", "identity/userFlowAttributes", {
      body: { displayName: "OrgType", description: "Kind of organisation", dataType: "string" },
    });
    expect(attribute.status).toBe(201);
    expect(body(attribute)).toMatchObject({ id: ORG_TYPE, userFlowAttributeType: "custom", dataType: "string" });

    const assignments = "identity/b2xUserFlows/B2X_1_partners/userAttributeAssignments";
    await call("POST", assignments, {
      body: { isOptional: false, userInputType: "TextBox", userAttribute: { id: "GivenName" } },
    });
    await call("POST", assignments, { body: { isOptional: true, userInputType: "textBox", userAttribute: { id: "city" } } });
    const custom = await call("POST", assignments, {
      body: {
        displayName: "Organisation",
        isOptional: false,
        requiresVerification: false,
        userInputType: "dropdownSingleSelect",
        userAttributeValues: [
          { name: "Municipality", value: "gemeente", isDefault: true },
          { name: "Company", value: "bedrijf", isDefault: false },
        ],
        userAttribute: { id: ORG_TYPE },
      },
    });
    expect(custom.status).toBe(201);
    expect("headers" in custom && custom.headers?.Location).toBe(
      `https://id.guestgate.test/woodgrove/graph/v1.0/${assignments}/${ORG_TYPE}`,
    );
    expect(body(custom)).toMatchObject({
      id: ORG_TYPE,
      displayName: "Organisation",
      isOptional: false,
      userInputType: "dropdownSingleSelect",
    });

    expect(
      (
        await call("POST", `${assignments}/setOrder`, {
          body: { newAssignmentOrder: { order: [ORG_TYPE, "city", "givenName"] } },
        })
      ).status,
    ).toBe(204);
    expect(body(await call("GET", `${assignments}/getOrder`)).order).toEqual([ORG_TYPE, "city", "givenName"]);
    expect((await call("PATCH", `${assignments}/city`, { body: { isOptional: false } })).status).toBe(204);
    // A PATCH changes what it names and keeps the rest (the options here).
    expect((await call("PATCH", `${assignments}/${ORG_TYPE}`, { body: { displayName: "Organisation type" } })).status).toBe(204);
    expect(body(await call("GET", `${assignments}/${ORG_TYPE}`)).userAttributeValues).toEqual([
      { name: "Municipality", value: "gemeente", isDefault: false },
      { name: "Company", value: "bedrijf", isDefault: false },
    ]);

    const lookup = await userFlows.flowFor("woodgrove", APP);
    expect(lookup.status).toBe("assigned");
    if (lookup.status !== "assigned") return;
    expect(lookup.flow.identityProviders).toEqual(["email"]);
    expect(lookup.flow.attributes.map((a) => [a.definition.name, a.required])).toEqual([
      ["orgType", true],
      ["city", true],
      ["givenName", true],
    ]);
    expect(lookup.flow.attributes[0]!.definition).toMatchObject({
      type: "singleChoice",
      label: { nl: "Organisation type", en: "Organisation type" },
      options: [
        { value: "gemeente", label: { nl: "Municipality", en: "Municipality" } },
        { value: "bedrijf", label: { nl: "Company", en: "Company" } },
      ],
    });
  });

  it("puts a language override page and reads it back; the journey sees the texts", async () => {
    const page = "identity/b2xUserFlows/B2X_1_partners/languages/nl/overridesPages/selfasserted1_1/$value";
    const strings = [
      { ElementType: "UxElement", ElementId: null, StringId: "button_continue", Override: true, Value: "Doorgaan" },
      { ElementType: "ClaimType", ElementId: "city", StringId: "DisplayName", Override: true, Value: "Woonplaats" },
    ];
    expect((await call("PUT", page, { text: JSON.stringify({ LocalizedStrings: strings }) })).status).toBe(204);

    const read = await call("GET", page);
    expect(read).toMatchObject({ status: 200, contentType: "application/json" });
    expect(JSON.parse("text" in read ? read.text : "")).toEqual({ LocalizedStrings: strings, LocalizedCollections: [] });
    const lookup = await userFlows.flowFor("woodgrove", APP);
    expect(lookup.status === "assigned" && lookup.flow.overrides.nl).toEqual({
      "attributes.page.submit": "Doorgaan",
      "attributes.labels.city": "Woonplaats",
    });

    expect(body(await call("GET", "identity/b2xUserFlows/B2X_1_partners/languages")).value).toEqual([
      { id: "nl", displayName: "Dutch", isEnabled: true },
      { id: "en", displayName: "English", isEnabled: true },
    ]);
    expect(body(await call("GET", "identity/b2xUserFlows/B2X_1_partners/languages/nl/overridesPages")).value).toEqual([
      { id: "selfasserted1_1" },
    ]);
  });

  it("refuses an edit that would make the flow invalid, naming the problem, and writes nothing", async () => {
    const before = await stored("woodgrove", "partners");
    const flow = "identity/b2xUserFlows/B2X_1_partners";
    const page = `${flow}/languages/nl/overridesPages/selfasserted1_1/$value`;

    const lastProvider = await failure("DELETE", `${flow}/identityProviders/EmailOtpSignup-OAUTH/$ref`);
    expect(lastProvider).toMatchObject({ status: 400, code: "Request_BadRequest" });
    expect(lastProvider.message).toContain("identityProviders: offer at least one identity provider");

    const unknownString = await failure("PUT", page, {
      text: JSON.stringify({ LocalizedStrings: [{ ElementType: "UxElement", StringId: "button_frobnicate", Value: "x" }] }),
    });
    expect(unknownString.message).toContain("button_frobnicate");
    const unknownKey = await failure("PUT", page, {
      text: JSON.stringify({ LocalizedStrings: [{ ElementType: "UxElement", StringId: "journey.nope", Value: "x" }] }),
    });
    expect(unknownKey.message).toContain("overrides.nl.journey.nope: is not a message key of Guestgate");
    expect((await failure("PUT", page.replace("/nl/", "/de/"), { text: "{}" })).status).toBe(404);

    const order = await failure("POST", `${flow}/userAttributeAssignments/setOrder`, {
      body: { newAssignmentOrder: { order: ["city", "givenName"] } },
    });
    expect(order.message).toContain(`"orgType" is missing from the order`);
    const noValues = await failure("PATCH", `${flow}/userAttributeAssignments/${ORG_TYPE}`, {
      body: { userInputType: "textBox", userAttributeValues: [{ name: "A", value: "a" }] },
    });
    expect(noValues.message).toContain("userAttributeValues applies only to");

    const inUse = await failure("DELETE", `identity/userFlowAttributes/${ORG_TYPE}`);
    expect(inUse.message).toContain(`user flow "partners" collects it`);
    expect((await failure("DELETE", "identity/userFlowAttributes/city")).message).toBe("Only custom attributes can be deleted.");

    expect(await stored("woodgrove", "partners")).toEqual(before);
    expect(await db.prisma.customAttribute.count({ where: { tenantId: "woodgrove" } })).toBe(1);
  });

  it("keeps tenants apart and checks the caller's permissions", async () => {
    expect((await failure("GET", "identity/b2xUserFlows/B2X_1_partners", { tenant: SPARBANKEN })).status).toBe(404);
    expect((await failure("DELETE", "identity/b2xUserFlows/B2X_1_partners", { tenant: SPARBANKEN })).status).toBe(404);
    expect(
      (await failure("GET", `identity/userFlowAttributes/extension_${"a".repeat(32)}_orgType`, { tenant: SPARBANKEN })).status,
    ).toBe(404);
    expect(body(await call("GET", "identity/b2xUserFlows", { tenant: SPARBANKEN })).value).toEqual([]);
    // Woodgrove's extension id means nothing in Sparbanken.
    expect((await failure("GET", `identity/userFlowAttributes/${ORG_TYPE}`, { tenant: SPARBANKEN })).status).toBe(400);

    expect(body(await call("GET", "identity/b2xUserFlows", { actor: READER })).value).toHaveLength(1);
    expect((await failure("POST", "identity/b2xUserFlows", { actor: READER, body: { id: "Other" } })).status).toBe(403);
    const admin: Actor = { type: "administrator", id: "reader", role: "directoryReader" };
    expect(
      (
        await call("GET", "identity/userFlowAttributes", {
          actor: admin,
          filter: { kind: "compare", op: "eq", property: "userFlowAttributeType", value: "custom" },
        })
      ).status,
    ).toBe(200);
    expect((await failure("DELETE", "identity/b2xUserFlows/B2X_1_partners", { actor: admin })).status).toBe(403);
  });

  it("lists the attribute catalog with $filter and changes only a custom attribute's description", async () => {
    const customs = body(
      await call("GET", "identity/userFlowAttributes", {
        filter: { kind: "compare", op: "eq", property: "userFlowAttributeType", value: "custom" },
      }),
    );
    expect(customs.value).toEqual([
      {
        id: ORG_TYPE,
        displayName: "orgType",
        description: "Kind of organisation",
        userFlowAttributeType: "custom",
        dataType: "string",
      },
    ]);
    expect(
      (
        await failure("GET", "identity/userFlowAttributes", {
          filter: { kind: "compare", op: "eq", property: "description", value: "x" },
        })
      ).code,
    ).toBe("Request_UnsupportedQuery");
    expect((await call("PATCH", `identity/userFlowAttributes/${ORG_TYPE}`, { body: { description: "Type" } })).status).toBe(204);
    expect(body(await call("GET", `identity/userFlowAttributes/${ORG_TYPE}`)).description).toBe("Type");
    expect(() => route("PATCH", "identity/userFlowAttributes/x").route.body!.parse({ dataType: "int64" })).toThrow();
  });

  it("pages the attribute catalog with $top and a $skiptoken bound to the tenant", async () => {
    const all = body(await call("GET", "identity/userFlowAttributes")).value as { id: string }[];
    const first = body(await call("GET", "identity/userFlowAttributes", { top: 5 }));
    expect(first.value).toEqual(all.slice(0, 5));
    const skipToken = new URL(first["@odata.nextLink"] as string).searchParams.get("$skiptoken")!;
    const rest = body(await call("GET", "identity/userFlowAttributes", { skipToken }));
    expect(rest.value).toEqual(all.slice(5));
    expect(rest["@odata.nextLink"]).toBeUndefined();
    expect((await failure("GET", "identity/userFlowAttributes", { skipToken, tenant: SPARBANKEN })).message).toContain(
      "$skiptoken",
    );
  });

  it("lands concurrent edits of one flow without losing either", async () => {
    await Promise.all([
      userFlows.addAttribute(WRITER, "woodgrove", "partners", { name: "surname" }),
      userFlows.addAttribute(WRITER, "woodgrove", "partners", { name: "jobTitle" }),
    ]);
    const flow = await userFlows.getFlow(READER, "woodgrove", "partners");
    expect(flow.definition.attributes!.map((a) => a.name).sort()).toEqual([
      "city",
      "givenName",
      "jobTitle",
      "orgType",
      "surname",
    ]);

    // Two creates of one name: one wins, the other is a conflict (never the database's own error).
    const fields = { name: "raceAttribute", dataType: "boolean", description: "" } as const;
    const results = await Promise.allSettled([
      userFlows.createCustomAttribute(WRITER, "woodgrove", fields),
      userFlows.createCustomAttribute(WRITER, "woodgrove", fields),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    await userFlows.deleteCustomAttribute(WRITER, "woodgrove", "raceAttribute");
  });

  it("records an audit event per write, with the request id, and deletes a flow with its assignments", async () => {
    await call("DELETE", "identity/b2xUserFlows/B2X_1_partners/userAttributeAssignments/" + ORG_TYPE);
    expect((await call("DELETE", `identity/userFlowAttributes/${ORG_TYPE}`)).status).toBe(204);
    expect((await call("DELETE", "identity/b2xUserFlows/B2X_1_Partners")).status).toBe(204);
    expect(await userFlows.flowFor("woodgrove", APP)).toEqual({ status: "none" });

    const events = await db.prisma.auditEvent.findMany({
      where: { tenantId: "woodgrove" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const types = events.map((e) => `${e.type}:${(JSON.parse(e.data) as { change?: string }).change ?? ""}`);
    expect(new Set(types)).toEqual(
      new Set([
        "userFlow.created:",
        "userFlow.updated:identityProviderAdded",
        "userFlow.updated:identityProviderRemoved",
        "userFlowAttribute.created:",
        "userFlow.updated:attributeAdded",
        "userFlow.updated:attributeOrderSet",
        "userFlow.updated:attributeUpdated",
        "userFlow.updated:overridesSet",
        "userFlowAttribute.updated:description",
        "userFlow.updated:attributeRemoved",
        "userFlowAttribute.deleted:",
        "userFlow.deleted:",
      ]),
    );
    const created = events.find((e) => e.type === "userFlow.created")!;
    expect(created).toMatchObject({
      actorType: "application",
      actorId: "flows-admin",
      targetType: "userFlow",
      targetId: "partners",
      correlationId: "00000000-0000-4000-8000-000000000001",
    });
    // Refused edits wrote no event: only the writes above are there.
    // 2 provider edits, 5 attributes added (3 by route, 2 concurrently), order, 2 PATCHes, overrides, removal.
    expect(events.filter((e) => e.type === "userFlow.updated")).toHaveLength(12);
  });
});
