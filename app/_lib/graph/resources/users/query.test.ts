import { describe, expect, it } from "vitest";
import type { GraphQueryOptions } from "../../context";
import type { FilterExpression } from "../../odata/ast";
import { userChange } from "./body";
import { emailOfUserPrincipalName, userPrincipalName } from "./graph-user";
import { usersQuery } from "./query";

const options = (extra: Partial<GraphQueryOptions>): GraphQueryOptions => ({ count: false, advanced: false, raw: [], ...extra });
const eq = (property: string, value: string | boolean | null): FilterExpression => ({
  kind: "compare",
  op: "eq",
  property,
  value,
});
const refused = (extra: Partial<GraphQueryOptions>) => {
  try {
    usersQuery(options(extra), PREFIX);
  } catch (error) {
    return {
      status: (error as { status: number }).status,
      code: (error as { code: string }).code,
      message: (error as Error).message,
    };
  }
  throw new Error("not refused");
};
const tenant = { slug: "woodgrove", id: "t", extensionsAppId: "abc" };
const PREFIX = "extension_abc_";

describe("usersQuery: $filter, $search and $orderby as the directory's filter", () => {
  it("maps Graph's enumerations onto the directory's states and creation kinds", () => {
    const expression = (filter: FilterExpression, advanced = false) =>
      usersQuery(options({ filter, advanced }), PREFIX).filter.expression;
    expect(expression(eq("accountEnabled", false))).toEqual({ field: "state", op: "eq", values: ["blocked"] });
    expect(expression(eq("accountEnabled", true))).toEqual({ not: { field: "state", op: "eq", values: ["blocked"] } });
    expect(expression(eq("externalUserState", "PendingAcceptance"))).toEqual({
      field: "state",
      op: "eq",
      values: ["pendingAcceptance"],
    });
    expect(expression(eq("externalUserState", "Accepted"))).toEqual({
      and: [
        { field: "createdVia", op: "eq", values: ["invitation"] },
        { field: "state", op: "ne", values: ["pendingAcceptance"] },
      ],
    });
    expect(expression(eq("creationType", "SelfServiceSignUp"))).toEqual({
      field: "createdVia",
      op: "eq",
      values: ["selfServiceSignUp"],
    });
    expect(expression({ kind: "in", property: "userType", values: ["Guest", "Member"] })).toEqual({
      or: [
        { field: "userType", op: "eq", values: ["Guest"] },
        { field: "userType", op: "eq", values: ["Member"] },
      ],
    });
    expect(expression({ kind: "compare", op: "ne", property: "userType", value: "Guest" }, true)).toEqual({
      not: { field: "userType", op: "eq", values: ["Guest"] },
    });
    expect(expression(eq("userPrincipalName", "ana_example.net#EXT#@woodgrove.guestgate"))).toEqual({
      field: "email",
      op: "eq",
      values: ["ana@example.net"],
    });
    expect(
      expression({
        kind: "any",
        property: "identities",
        body: { kind: "and", left: eq("issuerAssignedId", "ana@example.net"), right: eq("issuer", "mail") },
      }),
    ).toEqual({ identity: { issuer: "urn:guestgate:email-otp", subject: "ana@example.net" } });
  });

  it("searches display names and orders by the indexed columns", () => {
    const query = usersQuery(
      options({
        advanced: true,
        search: [{ property: "displayName", value: "ber" }],
        orderBy: [{ property: "createdDateTime", direction: "desc" }],
      }),
      PREFIX,
    );
    expect(query).toEqual({
      filter: { expression: { field: "displayName", op: "contains", values: ["ber"] } },
      orderBy: { field: "createdAt", direction: "desc" },
    });
  });

  it("maps attribute properties, extensions, eq null and otherMails onto indexed conditions", () => {
    const expression = (filter: FilterExpression, advanced = false) =>
      usersQuery(options({ filter, advanced }), PREFIX).filter.expression;
    expect(expression(eq("city", "Delft"))).toEqual({ attribute: { name: "city", op: "eq", values: ['"Delft"'] } });
    expect(expression(eq("mobilePhone", null))).toEqual({ attribute: { name: "phone", op: "missing", values: [] } });
    expect(expression(eq("extension_abc_active", true))).toEqual({ attribute: { name: "active", op: "eq", values: ["true"] } });
    expect(expression({ kind: "function", name: "startsWith", property: "surname", value: 'de "V' })).toEqual({
      attribute: { name: "surname", op: "startsWith", values: ['"de \\"V'] },
    });
    expect(expression({ kind: "in", property: "country", values: ["NL", "SE"] })).toEqual({
      attribute: { name: "country", op: "in", values: ['"NL"', '"SE"'] },
    });
    expect(expression(eq("displayName", null))).toEqual({ missing: "displayName" });
    expect(expression(eq("mail", null))).toEqual({ missing: "email" });
    expect(expression({ kind: "any", property: "otherMails", body: eq("", "Ana@Example.net") })).toEqual({
      field: "email",
      op: "eq",
      values: ["Ana@Example.net"],
    });
    // ne (advanced) is not(eq), on attributes too.
    expect(expression({ kind: "compare", op: "ne", property: "city", value: "Delft" }, true)).toEqual({
      not: { attribute: { name: "city", op: "eq", values: ['"Delft"'] } },
    });
  });

  it("refuses, naming it, what no index answers and what needs ConsistencyLevel", () => {
    expect(refused({ filter: { kind: "compare", op: "ge", property: "city", value: "D" } })).toEqual({
      status: 400,
      code: "Request_UnsupportedQuery",
      message: "Unsupported operator on property 'city' in $filter.",
    });
    expect(refused({ filter: eq("officeLocation", "x") }).message).toBe("Unsupported property 'officeLocation' in $filter.");
    expect(refused({ filter: eq("userPrincipalName", null) }).message).toContain("'userPrincipalName'");
    const suffix = { kind: "function", name: "endsWith", property: "mail", value: "@x.org" } as const;
    expect(refused({ filter: suffix }).message).toContain("ConsistencyLevel");
    expect(refused({ filter: suffix, advanced: true }).message).toBe(
      "'endsWith' on property 'mail' is not supported by Guestgate: no index serves a suffix search. Use startsWith or eq.",
    );
    expect(
      refused({
        filter: { kind: "any", property: "otherMails", body: { kind: "function", name: "endsWith", property: "", value: "@x" } },
        advanced: true,
      }).message,
    ).toContain("'otherMails'");
    expect(refused({ orderBy: [{ property: "city", direction: "asc" }] }).message).toContain("'city'");
    expect(refused({ filter: { kind: "not", operand: eq("userType", "Guest") } }).code).toBe("Request_UnsupportedQuery");
    expect(refused({ search: [{ property: "displayName", value: "x" }] }).code).toBe("Request_UnsupportedQuery");
    expect(refused({ filter: eq("userType", "Guest"), orderBy: [{ property: "displayName", direction: "asc" }] }).code).toBe(
      "Request_UnsupportedQuery",
    );
    expect(refused({ filter: { kind: "any", property: "identities", body: eq("issuer", "mail") } }).code).toBe(
      "Request_UnsupportedQuery",
    );
    expect(refused({ filter: eq("userType", "Admin") }).code).toBe("Request_BadRequest");
  });
});

describe("userPrincipalName", () => {
  it("round-trips through the address, and accepts Entra's #EXT@ typo", () => {
    const upn = userPrincipalName(tenant, { id: "g1", email: "ana_b@example.net" });
    expect(upn).toBe("ana_b_example.net#EXT#@woodgrove.guestgate");
    expect(emailOfUserPrincipalName(upn)).toBe("ana_b@example.net");
    expect(emailOfUserPrincipalName("ana_example.net#EXT@northwind.example")).toBe("ana@example.net");
    expect(emailOfUserPrincipalName("ana@example.net")).toBeUndefined();
  });
});

describe("userChange", () => {
  const allowed = new Set<string>();
  it("splits a body into attribute values, removals, the name and accountEnabled", () => {
    expect(
      userChange(
        tenant,
        { displayName: "A", mobilePhone: "+31", city: null, accountEnabled: false, extension_abc_kvk: 12 },
        {
          allowed,
          customAttributes: ["kvk"],
        },
      ),
    ).toEqual({ values: { phone: "+31", kvk: 12 }, remove: ["city"], displayName: "A", accountEnabled: false });
  });
  it("names read-only and unknown properties", () => {
    expect(() => userChange(tenant, { id: "x", identities: [] }, { allowed, customAttributes: [] })).toThrow(
      "Property 'id', 'identities' is read-only and cannot be set.",
    );
    expect(() => userChange(tenant, { extension_abc_nope: "x" }, { allowed, customAttributes: ["kvk"] })).toThrow(
      "extension_abc_nope",
    );
    expect(() => userChange(tenant, { extension_abc_kvk: [1] }, { allowed, customAttributes: ["kvk"] })).toThrow(
      "Invalid value for property 'extension_abc_kvk'.",
    );
  });
});
