// The users `$filter` forms of contract §1 beyond the basic columns, through an unmodified
// @microsoft/microsoft-graph-client over the in-process API, on SQLite and (with
// TEST_DATABASE_URL) PostgreSQL: otherMails/any, eq null, attribute properties and extension
// attributes (eq, startsWith, in, ne, eq null), identities/any with issuer and issuerAssignedId,
// and endsWith refused by name, never ignored.
import type { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extensionsAppIdOf } from "../../../app/_lib/graph";
import { testDatabaseProviders } from "../../helpers/database";
import { OTHER_TENANT, TENANT } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

// tenants[].id the bed gives TENANT (api-bed.ts): extension properties are named after it.
const BED_TENANT_GUID = "0b0c0d0e-0000-4000-8000-000000000001";

describe.each(testDatabaseProviders())("users $filter on %s", (provider) => {
  let graph: GraphBed;
  let client: Client;
  let ben: string;
  let cleo: string;
  let prefix: string;

  const names = async (filter: string, advanced = false) => {
    let request = client.api("/users").filter(filter).select("displayName");
    if (advanced) request = request.header("ConsistencyLevel", "eventual").count(true);
    const page = (await request.get()) as { value: { displayName: string }[] };
    return page.value.map((user) => user.displayName).sort();
  };
  const refusal = (filter: string, advanced = false) => {
    let request = client.api("/users").filter(filter);
    if (advanced) request = request.header("ConsistencyLevel", "eventual").count(true);
    return request.get().then(
      () => {
        throw new Error(`${filter} was answered`);
      },
      (error: GraphError) => error,
    );
  };

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    client = graph.client(await graph.appToken(["User.Read.All"]));
    await graph.bed.guest({
      displayName: "Ana Berg",
      email: "ana@partner.example",
      attributes: { city: "Utrecht", country: "NL", surname: "Berg", kvk: "12345678", active: true },
    });
    ben = await graph.bed.guest({
      displayName: "Ben Holm",
      email: "ben@other.example",
      attributes: { city: "Malmö", surname: "Holm" },
    });
    cleo = await graph.bed.guest({ displayName: "Cleo", email: "cleo@partner.example" });
    await graph.bed.db.prisma.guest.update({ where: { id: cleo }, data: { displayName: null } });
    await graph.bed.db.prisma.identity.create({
      data: { tenantId: TENANT, guestId: ben, issuer: "google.com", subject: "109876", provider: "google" },
    });
    // Another tenant's guest with the same values: never in these answers.
    await graph.bed.db.prisma.guest.create({
      data: {
        tenantId: OTHER_TENANT,
        userType: "Guest",
        createdVia: "admin",
        displayName: "Ana Berg",
        email: "ana@partner.example",
        attributes: { create: [{ name: "city", value: JSON.stringify("Utrecht") }] },
      },
    });
    prefix = `extension_${extensionsAppIdOf(BED_TENANT_GUID)}_`;
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("reads otherMails/any and eq null on the guest's columns", async () => {
    expect(await names("otherMails/any(x:x eq 'ana@partner.example')")).toEqual(["Ana Berg"]);
    expect(await names("otherMails/any(x:startsWith(x,'ben@'))")).toEqual(["Ben Holm"]);
    const nameless = (await client.api("/users").filter("displayName eq null").select("id").get()) as { value: { id: string }[] };
    expect(nameless.value.map((user) => user.id)).toEqual([cleo]);
    expect(await names("mail eq null")).toEqual([]);
  });

  it("filters on attribute properties with eq, startsWith, in, ne and eq null", async () => {
    expect(await names("city eq 'Utrecht'")).toEqual(["Ana Berg"]);
    expect(await names("city eq 'Malmö'")).toEqual(["Ben Holm"]);
    expect(await names("startsWith(surname,'Ho')")).toEqual(["Ben Holm"]);
    expect(await names("country in ('NL','SE')")).toEqual(["Ana Berg"]);
    expect(await names("city ne 'Utrecht' and startsWith(mail,'b')", true)).toEqual(["Ben Holm"]);
    expect(await names("city eq null and mail eq 'ana@partner.example'")).toEqual([]);
    const withoutCity = (await client.api("/users").filter("city eq null").select("id").get()) as { value: { id: string }[] };
    expect(withoutCity.value.map((user) => user.id)).toEqual([cleo]);
  });

  it("filters on extension attributes by their typed value", async () => {
    const extensions = await graph.bed.db.prisma.attributeValue.count({ where: { name: "kvk" } });
    expect(extensions).toBe(1);
    expect(await names(`${prefix}kvk eq '12345678'`)).toEqual(["Ana Berg"]);
    expect(await names(`${prefix}active eq true`)).toEqual(["Ana Berg"]);
    expect(await names(`${prefix}kvk eq null and startsWith(displayName,'B')`)).toEqual(["Ben Holm"]);
  });

  it("finds a guest by identities/any with issuer and issuerAssignedId", async () => {
    expect(await names("identities/any(i:i/issuer eq 'google.com' and i/issuerAssignedId eq '109876')")).toEqual(["Ben Holm"]);
    expect(await names("identities/any(i:i/issuerAssignedId eq '109876' and i/issuer eq 'facebook.com')")).toEqual([]);
  });

  it("refuses endsWith and the operators no index serves, by name, with 400", async () => {
    const suffix = await refusal("endsWith(mail,'@partner.example')", true);
    expect(suffix.statusCode).toBe(400);
    expect(suffix.code).toBe("Request_UnsupportedQuery");
    expect(suffix.message).toContain("'endsWith' on property 'mail'");
    expect((await refusal("otherMails/any(x:endsWith(x,'@partner.example'))", true)).message).toContain("'otherMails'");
    expect((await refusal("endsWith(mail,'@partner.example')")).message).toContain("ConsistencyLevel");
    expect((await refusal("city ge 'A'")).message).toBe("Unsupported operator on property 'city' in $filter.");
    expect((await refusal("officeLocation eq 'x'")).message).toBe("Unsupported property 'officeLocation' in $filter.");
    expect((await refusal("identities/any(i:i/issuer eq 'google.com')")).statusCode).toBe(400);
  });
});
