import { describe, expect, it } from "vitest";
import { tenant } from "../user-flows/test-fixtures";
import { fromOurOrigin, journeyBinding, requestLocaleOf, respond, seeOther } from "./http";

const woodgrove = tenant("woodgrove");
const BASE = "https://id.example";
const request = (headers: Record<string, string>) =>
  new Request(`${BASE}/woodgrove/journey/x/submit`, { method: "POST", headers });

describe("the journey endpoints' shared rules", () => {
  it("take the proxy's language when the tenant offers it, else the tenant's default", () => {
    expect(requestLocaleOf(request({ "x-guestgate-locale": "en" }), woodgrove)).toBe("en");
    // sv is a Guestgate language but not one of woodgrove's
    expect(requestLocaleOf(request({ "x-guestgate-locale": "sv" }), woodgrove)).toBe("nl");
    expect(requestLocaleOf(request({ "x-guestgate-locale": "xx" }), woodgrove)).toBe("nl");
    expect(requestLocaleOf(request({}), woodgrove)).toBe("nl");
  });

  it("accept a POST only from our own origin", () => {
    expect(fromOurOrigin(request({ "sec-fetch-site": "same-origin" }), BASE)).toBe(true);
    expect(fromOurOrigin(request({ "sec-fetch-site": "same-site" }), BASE)).toBe(false);
    expect(fromOurOrigin(request({ "sec-fetch-site": "cross-site", origin: BASE }), BASE)).toBe(false);
    expect(fromOurOrigin(request({ origin: BASE }), `${BASE}/`)).toBe(true);
    expect(fromOurOrigin(request({ origin: "https://id.example.evil" }), BASE)).toBe(false);
    expect(fromOurOrigin(request({}), BASE)).toBe(false);
  });

  it("read exactly one well-formed journey cookie", () => {
    expect(journeyBinding(request({ cookie: "a=b; gg_journey=abc_DEF-1" }))).toBe("abc_DEF-1");
    expect(journeyBinding(request({ cookie: "gg_journey=one; gg_journey=two" }))).toBeUndefined();
    expect(journeyBinding(request({ cookie: "gg_journey=bad%20value" }))).toBeUndefined();
    expect(journeyBinding(request({}))).toBeUndefined();
  });

  it("answer every outcome with a 303 to our own pages or the completion target, uncached", () => {
    const show = respond(
      { kind: "show", journeyId: "j1", binding: { tenantId: "woodgrove", journeyId: "j1", nonce: "n0nce", maxAgeSeconds: 600 } },
      woodgrove,
      BASE,
      true,
    );
    expect(show.status).toBe(303);
    expect(show.headers.get("location")).toBe(`${BASE}/woodgrove/journey/j1`);
    expect(show.headers.get("cache-control")).toBe("no-store");
    expect(show.headers.getSetCookie()).toEqual([
      "gg_journey=n0nce; Path=/woodgrove/journey/j1; Max-Age=600; HttpOnly; SameSite=Lax; Secure",
    ]);
    expect(respond({ kind: "show", journeyId: "j1", state: "enterCode" }, woodgrove, BASE, true).headers.get("location")).toBe(
      `${BASE}/woodgrove/journey/j1/code`,
    );
    expect(respond({ kind: "redirect", to: "/woodgrove/account" }, woodgrove, BASE, true).headers.get("location")).toBe(
      `${BASE}/woodgrove/account`,
    );
    expect(respond({ kind: "signInRequired" }, woodgrove, BASE, true).headers.get("location")).toBe(`${BASE}/woodgrove/account`);
    expect(respond({ kind: "gone" }, woodgrove, BASE, true).headers.get("location")).toBe(
      `${BASE}/woodgrove/error?code=interaction_expired`,
    );
    expect(respond({ kind: "notFound" }, woodgrove, BASE, true).status).toBe(404);
    expect(seeOther("https://rp.example/cb", ["a=1", "b=2"]).headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });
});
