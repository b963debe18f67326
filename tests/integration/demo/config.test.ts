import { describe, expect, it } from "vitest";
import { redirectUriProblem } from "../../../app/_lib/oidc";
import {
  demoClientId,
  demoErrorUrl,
  demoOrigin,
  demoPostLogoutRedirectUri,
  demoRedirectUri,
  isLoopbackHttp,
  isOnDemoOrigin,
  REGISTERED_POST_LOGOUT_REDIRECT_URI,
  REGISTERED_REDIRECT_URI,
  tenantIssuer,
} from "../../../app/demo/_lib/config";

import { DEMO_POST_LOGOUT_REDIRECT_URI, DEMO_REDIRECT_URI, demoClientId as seedClientId } from "../../../prisma/seed";

describe("the demo application's registration", () => {
  it("is what the seed registers", () => {
    expect(REGISTERED_REDIRECT_URI).toBe(DEMO_REDIRECT_URI);
    expect(REGISTERED_POST_LOGOUT_REDIRECT_URI).toBe(DEMO_POST_LOGOUT_REDIRECT_URI);
    for (const slug of ["woodgrove", "sparbanken", "contoso"]) expect(demoClientId(slug)).toBe(seedClientId(slug, "public"));
    expect(demoClientId("woodgrove")).toBe("540a2eb4-526c-545d-b702-1caab8d4a622");
    expect(demoClientId("sparbanken")).toBe("5aa8ae6e-e3ee-5a4f-82b0-9fc21ba5cbe6");
  });
});

describe("redirect_uri derivation", () => {
  it("puts the demo on the loopback IP literal, on Guestgate's port, never on localhost", () => {
    expect(demoOrigin("http://localhost:3000")).toBe("http://127.0.0.1:3000");
    expect(demoRedirectUri(demoOrigin("http://localhost:3000")!)).toBe(REGISTERED_REDIRECT_URI);
    expect(demoRedirectUri(demoOrigin("http://localhost:4123")!)).toBe("http://127.0.0.1:4123/demo/callback");
    expect(demoOrigin("http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
    expect(demoOrigin("http://[::1]:8080")).toBe("http://127.0.0.1:8080");
    expect(demoOrigin("http://localhost")).toBe("http://127.0.0.1");
  });
  it("is a redirect URI Guestgate accepts (a loopback IP literal, RFC 8252 §7.3)", () => {
    for (const base of ["http://localhost:3000", "http://localhost:4123", "http://localhost"])
      expect(redirectUriProblem(demoRedirectUri(demoOrigin(base)!))).toBeUndefined();
  });
  it("has no demo origin when Guestgate is not on this machine", () => {
    expect(demoOrigin("https://id.example.com")).toBeUndefined();
    expect(demoOrigin("https://localhost:3000")).toBeUndefined();
    expect(demoOrigin("http://id.example.com")).toBeUndefined();
  });
  it("sends post_logout_redirect_uri only where the seed registered it (compared exactly)", () => {
    expect(demoPostLogoutRedirectUri("http://127.0.0.1:3000")).toBe(REGISTERED_POST_LOGOUT_REDIRECT_URI);
    expect(demoPostLogoutRedirectUri("http://127.0.0.1:4123")).toBeUndefined();
  });
  it("allows plain http only towards this machine", () => {
    expect(isLoopbackHttp(tenantIssuer("http://localhost:3000", "woodgrove"))).toBe(true);
    expect(isLoopbackHttp("http://127.0.0.1:3000/woodgrove/v2.0")).toBe(true);
    expect(isLoopbackHttp("http://[::1]:3000/woodgrove/v2.0")).toBe(true);
    expect(isLoopbackHttp("http://localhost.example.com/woodgrove/v2.0")).toBe(false);
    expect(isLoopbackHttp("http://id.example.com/woodgrove/v2.0")).toBe(false);
    expect(isLoopbackHttp("https://localhost:3000/woodgrove/v2.0")).toBe(false);
    expect(tenantIssuer("http://localhost:3000", "woodgrove")).toBe("http://localhost:3000/woodgrove/v2.0");
  });
  it("recognises the demo's origin by the Host header", () => {
    expect(isOnDemoOrigin("http://127.0.0.1:3000", "127.0.0.1:3000")).toBe(true);
    expect(isOnDemoOrigin("http://127.0.0.1:3000", "localhost:3000")).toBe(false);
    expect(isOnDemoOrigin("http://127.0.0.1:3000", "127.0.0.1:3001")).toBe(false);
    expect(isOnDemoOrigin("http://127.0.0.1", "127.0.0.1")).toBe(true);
    expect(isOnDemoOrigin("http://127.0.0.1:3000", null)).toBe(false);
  });
});

describe("the error page's URL", () => {
  it("carries a reason, a tenant and an error code, never free text", () => {
    expect(demoErrorUrl("http://127.0.0.1:3000", "denied", { tenant: "woodgrove", code: "access_denied" }).href).toBe(
      "http://127.0.0.1:3000/demo/error?reason=denied&tenant=woodgrove&code=access_denied",
    );
    expect(demoErrorUrl("http://127.0.0.1:3000", "rejected", { code: "Your account is locked, call 555" }).href).toBe(
      "http://127.0.0.1:3000/demo/error?reason=rejected",
    );
  });
});
