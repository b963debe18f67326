import { describe, expect, it } from "vitest";
import { parseQueryOptions } from "./query";

const all = { queryOptions: ["select", "filter", "orderBy", "top", "count", "search", "skipToken"] as const };
const parse = (
  query: string,
  headers: Record<string, string> = {},
  route: { queryOptions?: readonly never[] | typeof all.queryOptions } = all,
) => parseQueryOptions(new URL(`https://id.example/t/graph/v1.0/users?${query}`), new Headers(headers), route);

describe("parseQueryOptions", () => {
  it("parses the options a route honours", () => {
    const options = parse("$select=id,displayName&$top=5&$orderby=displayName desc&$count=true", {
      ConsistencyLevel: "eventual",
    });
    expect(options).toMatchObject({
      select: ["id", "displayName"],
      top: 5,
      orderBy: [{ property: "displayName", direction: "desc" }],
      count: true,
      advanced: true,
    });
  });

  it("applies Graph's page-size rule", () => {
    expect(() => parse("$top=1000")).toThrow("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    expect(() => parse("$top=0")).toThrow(/Invalid page size/);
    expect(() => parse("$top=abc")).toThrow(/Invalid page size/);
  });

  it("refuses $skip, unknown $options, repeats and options the route does not honour", () => {
    expect(() => parse("$skip=10")).toThrow(/'\$skip' is not supported/);
    expect(() => parse("$apply=x")).toThrow(/not supported/);
    expect(() => parse("$top=1&$top=2")).toThrow(/more than once/);
    expect(() => parse("$filter=a eq 1", {}, { queryOptions: [] })).toThrow(/not supported on this resource/);
  });

  it("needs ConsistencyLevel for $search", () => {
    expect(() => parse('$search="displayName:an"')).toThrow(/ConsistencyLevel: eventual/);
    expect(parse('$search="displayName:an"', { consistencylevel: "eventual" }).search).toEqual([
      { property: "displayName", value: "an" },
    ]);
  });

  it("ignores parameters that are not OData options", () => {
    expect(parse("foo=bar").raw).toEqual([["foo", "bar"]]);
  });
});
