import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JSON_ROUTES, matchJsonEndpoint, matchNavigationEndpoint, NAVIGATION_ROUTES } from "./routes";

const tenantRoutes = path.resolve(import.meta.dirname, "../../[tenant]");

describe("the front's routes", () => {
  // One code path: the front may answer only what a route file answers, with the endpoint it calls.
  it.each(Object.entries({ ...JSON_ROUTES, ...NAVIGATION_ROUTES }))("%s matches its route file", (rest, route) => {
    const source = readFileSync(path.join(tenantRoutes, rest, "route.ts"), "utf8");
    const exported = [...source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/gm)].map((m) => m[1]);
    expect(exported.sort()).toEqual([...route.methods].sort());
    expect(source).toContain(`oidc().endpoints.${route.endpoint}(request, (await params).tenant)`);
  });

  it("tells the authorization endpoint, a navigation, from the JSON endpoints", () => {
    expect(matchNavigationEndpoint("/woodgrove/oauth2/v2.0/authorize?client_id=x", "GET")).toEqual({
      tenant: "woodgrove",
      endpoint: "authorize",
    });
    expect(matchNavigationEndpoint("/woodgrove/oauth2/v2.0/authorize", "POST")?.endpoint).toBe("authorize");
    expect(matchJsonEndpoint("/woodgrove/oauth2/v2.0/authorize", "GET")).toBeUndefined();
    for (const [method, target] of [
      ["HEAD", "/woodgrove/oauth2/v2.0/authorize"],
      ["GET", "/woodgrove/oauth2/v2.0/authorize/"],
      ["GET", "/woodgrove/oauth2/v2.0/authorize/resume/abc"], // the journey's resume: Next
      ["GET", "/wood%67rove/oauth2/v2.0/authorize"],
      ["GET", "/woodgrove/oauth2/v2.0/token"],
    ] as const)
      expect(matchNavigationEndpoint(target, method), `${method} ${target}`).toBeUndefined();
  });

  it("matches the tenant's JSON endpoints, with or without a query", () => {
    expect(matchJsonEndpoint("/woodgrove/oauth2/v2.0/token", "POST")).toEqual({ tenant: "woodgrove", endpoint: "token" });
    expect(matchJsonEndpoint("/woodgrove/discovery/v2.0/keys?x=1", "GET")).toEqual({ tenant: "woodgrove", endpoint: "jwks" });
    expect(matchJsonEndpoint("/nobody/.well-known/openid-configuration", "OPTIONS")).toEqual({
      tenant: "nobody",
      endpoint: "discovery",
    });
  });

  it.each([
    ["GET", "/woodgrove/oauth2/v2.0/token"], // no GET export: Next's 405
    ["HEAD", "/woodgrove/discovery/v2.0/keys"], // Next derives HEAD from GET
    ["OPTIONS", "/woodgrove/oauth2/v2.0/revoke"],
    ["POST", "/woodgrove/oauth2/v2.0/token/"], // Next's trailing-slash redirect
    ["POST", "//oauth2/v2.0/token"],
    ["POST", "/wood%67rove/oauth2/v2.0/token"], // Next decodes params; the front does not try
    ["GET", "/woodgrove/oauth2/v2.0/authorize"], // a navigation: matchNavigationEndpoint
    ["GET", "/woodgrove/discovery/v2.0/keys/extra"],
    ["GET", "/api/health"],
    ["GET", "*"],
  ])("leaves %s %s to Next", (method, target) => {
    expect(matchJsonEndpoint(target, method)).toBeUndefined();
  });
});
