// What the server answers on the wire: the security headers of a page, and the language switch's
// defences (no cross-site posts, no redirect to another site).
import { describe, expect, it } from "vitest";
import { baseURL, url } from "./support/site";

function directive(csp: string, name: string): string | undefined {
  return csp
    .split(";")
    .map((part) => part.trim())
    .find((part) => part === name || part.startsWith(`${name} `));
}

describe("a page's response headers", () => {
  it("carry a nonce-based CSP that forbids framing, and the other security headers", async () => {
    const response = await fetch(url("/woodgrove"));
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    const scriptSrc = directive(csp, "script-src") ?? "";

    const nonce = /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(scriptSrc)?.[1];
    expect(nonce, `script-src has a nonce: ${scriptSrc}`).toBeDefined();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    // the page's own scripts carry that nonce, and it is not reused for the next response
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    const again = (await fetch(url("/woodgrove"))).headers.get("content-security-policy") ?? "";
    expect(again).not.toContain(`'nonce-${nonce}'`);

    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});

describe("the language switch (POST /woodgrove/locale)", () => {
  const post = (headers: Record<string, string>, returnTo = "/woodgrove") =>
    fetch(url("/woodgrove/locale"), {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ locale: "en", returnTo }),
    });

  it("refuses a post from another site with 403, and sets no cookie", async () => {
    const response = await post({ Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("answers a same-origin post with 303 back to the page, on our own origin", async () => {
    const response = await post({ Origin: baseURL(), "Sec-Fetch-Site": "same-origin" }, "/woodgrove");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${baseURL()}/woodgrove`);
    expect(response.headers.get("set-cookie")).toMatch(/=en;/);
  });

  it.each(["//evil.example", "//evil.example/woodgrove", "https://evil.example/woodgrove", "/\\evil.example"])(
    "sends a returnTo of %s to /woodgrove on our origin, not to another site",
    async (returnTo) => {
      const response = await post({ Origin: baseURL(), "Sec-Fetch-Site": "same-origin" }, returnTo);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`${baseURL()}/woodgrove`);
    },
  );
});
