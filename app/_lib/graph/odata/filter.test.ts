import { describe, expect, it } from "vitest";
import { isGraphError } from "../errors";
import { filterProperties, parseFilter } from "./filter";

describe("parseFilter", () => {
  it("reads comparisons, in, functions, and/or/not with OData precedence", () => {
    expect(parseFilter("userType eq 'Guest' and startsWith(displayName,'An') or not accountEnabled eq true")).toEqual({
      kind: "or",
      left: {
        kind: "and",
        left: { kind: "compare", op: "eq", property: "userType", value: "Guest" },
        right: { kind: "function", name: "startsWith", property: "displayName", value: "An" },
      },
      right: { kind: "not", operand: { kind: "compare", op: "eq", property: "accountEnabled", value: true } },
    });
    expect(parseFilter("mail in ('a@x.example', 'b@x.example')")).toEqual({
      kind: "in",
      property: "mail",
      values: ["a@x.example", "b@x.example"],
    });
  });

  it("reads quoted quotes, GUIDs, dates and null", () => {
    expect(parseFilter("displayName eq 'O''Brien'")).toMatchObject({ value: "O'Brien" });
    expect(parseFilter("id eq 6F2D3B10-0000-4000-8000-0000000000C1")).toMatchObject({
      value: { guid: "6f2d3b10-0000-4000-8000-0000000000c1" },
    });
    expect(parseFilter("createdDateTime ge 2026-03-02T09:00:00Z")).toMatchObject({
      op: "ge",
      value: { dateTime: "2026-03-02T09:00:00.000Z" },
    });
    expect(parseFilter("externalUserState eq null")).toMatchObject({ value: null });
  });

  it("reads any() lambdas with paths relative to the item", () => {
    const parsed = parseFilter("identities/any(c:c/issuerAssignedId eq 'x' and c/issuer eq 'mail')");
    expect(parsed).toEqual({
      kind: "any",
      property: "identities",
      body: {
        kind: "and",
        left: { kind: "compare", op: "eq", property: "issuerAssignedId", value: "x" },
        right: { kind: "compare", op: "eq", property: "issuer", value: "mail" },
      },
    });
    expect(filterProperties(parsed)).toEqual(["identities", "identities/issuerAssignedId", "identities/issuer"]);
    expect(parseFilter("otherMails/any(x:x eq 'a@b.example')")).toMatchObject({ body: { property: "" } });
  });

  it.each([
    ["displayName eq", "expected a value"],
    ["displayName 'x'", "expected an operator"],
    ["(userType eq 'Guest'", "expected ')'"],
    ["displayName eq 'open", "not closed"],
    ["displayName eq Guest", "is not a value"],
    ["userType eq 'Guest' extra", "unexpected 'extra'"],
    ["", "empty"],
    ["a eq 1 ; drop", "unexpected character ';'"],
  ])("refuses %j with a 400 that says where", (text, message) => {
    try {
      parseFilter(text);
      expect.unreachable();
    } catch (error) {
      expect(isGraphError(error) && error.status).toBe(400);
      expect((error as Error).message).toContain(message);
    }
  });

  it("refuses filters nested past the limit", () => {
    expect(() => parseFilter(`${"(".repeat(40)}a eq 1${")".repeat(40)}`)).toThrow(/nested too deeply/);
  });
});
