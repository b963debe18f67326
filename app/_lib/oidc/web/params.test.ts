import { describe, expect, it } from "vitest";
import { parseParameters } from "./params";

const rules = { known: ["client_id", "state", "scope", "code"], maxLength: { code: 10 } };
const parse = (input: string) => parseParameters(input, rules);

describe("parameter parsing (RFC 6749 §3.1, §3.2)", () => {
  it("decodes form encoding: + is a space, percent-escapes are UTF-8", () => {
    const p = parse("scope=openid+profile&state=%C3%A9t%C3%A9%20%E2%9C%93");
    expect(p.get("scope")).toBe("openid profile");
    expect(p.get("state")).toBe("été ✓");
    expect(p.problems).toEqual([]);
  });
  it("treats a parameter without a value as omitted (§3.1)", () => {
    const p = parse("state=&client_id");
    expect(p.get("state")).toBeUndefined();
    expect(p.get("client_id")).toBeUndefined();
    expect(p.problems).toEqual([]);
  });
  it("rejects a known parameter sent twice, even with the same value (§3.1)", () => {
    const p = parse("state=a&state=a&scope=openid");
    expect(p.get("state")).toBeUndefined();
    expect(p.problemWith("state")?.problem).toBe("state is repeated");
    expect(p.get("scope")).toBe("openid");
  });
  it("counts an empty duplicate as a duplicate", () => {
    expect(parse("state=&state=x").problemWith("state")).toBeDefined();
  });
  it("ignores unknown parameters whatever they hold (MSAL's client_info, x-client-*; RFC 8707's repeated resource)", () => {
    const p = parse("client_info=1&x-client-SKU=msal.js.node&resource=a&resource=b&junk=%FF&bad%00=\u0000");
    expect(p.problems).toEqual([]);
  });
  it.each([
    ["NUL", "state=a%00b"],
    ["a line feed", "state=a%0Ab"],
    ["a tab", "state=a%09b"],
    ["DEL", "state=a%7Fb"],
    ["a C1 control", "state=a%C2%85b"],
  ])("rejects %s in a value", (_what, input) => {
    expect(parse(input).problemWith("state")?.problem).toBe("state contains control characters");
  });
  it.each([
    ["a byte that is not UTF-8", "state=%FF"],
    ["a truncated sequence", "state=%E2%9C"],
    ["an encoded lone surrogate", "state=%ED%A0%80"],
    ["a broken escape", "state=%G1"],
  ])("rejects %s", (_what, input) => {
    expect(parse(input).problemWith("state")?.problem).toBe("state is not valid percent-encoded UTF-8");
  });
  it("rejects invalid UTF-16 handed in as a string", () => {
    expect(parse("state=a\uD800b").problemWith("state")?.problem).toBe("state is not valid Unicode");
  });
  it("rejects oversized values, per parameter", () => {
    expect(parse("code=12345678901").problemWith("code")?.problem).toBe("code is too long");
    expect(parse(`state=${"a".repeat(2049)}`).problemWith("state")?.problem).toBe("state is too long");
    expect(parse(`state=${"a".repeat(2048)}`).problems).toEqual([]);
  });
  it("rejects oversized requests and too many parameters as a whole", () => {
    expect(parseParameters("a=1&".repeat(101), { known: [] }).problems).toEqual([
      { name: undefined, problem: "the request has too many parameters" },
    ]);
    expect(parseParameters("x".repeat(70_000), { known: [] }).problems[0]?.problem).toBe("the request is too large");
  });
  it("only reports the first problem per parameter", () => {
    expect(parse("state=%00&state=%FF").problems).toHaveLength(1);
  });
});
