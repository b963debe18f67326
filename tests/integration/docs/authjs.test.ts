import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createAuth } from "./snippets/authjs";
import { ISSUER, useTestbed } from "./support";

/** The relying party: a Next app at this origin, its Auth.js route handlers called in-process. */
const APP = "https://app.example";

/** The app's cookies in the browser (name → value; Auth.js sets them all at path /). */
class AppCookies {
  private readonly jar = new Map<string, string>();
  header = () => [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  take(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const expired = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()),
      );
      if (expired) this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }
}

describe("docs/INTEGRATION.md: Auth.js with a tenant as a generic OIDC provider", () => {
  const testbed = useTestbed();

  it("signs a guest in and shows the session built from the ID token", async () => {
    const { clientId, secret } = await testbed().confidentialClient({ redirectUris: [`${APP}/api/auth/callback/guestgate`] });
    const guestId = await testbed().guest({ email: "katherine@example.com", displayName: "Katherine Johnson" });
    const { handlers } = createAuth({
      GUESTGATE_ISSUER: ISSUER,
      GUESTGATE_CLIENT_ID: clientId,
      GUESTGATE_CLIENT_SECRET: secret,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
    });
    const cookies = new AppCookies();
    const app = async (path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) => {
      const request = new NextRequest(new URL(path, APP), { ...init, headers: { ...init.headers, cookie: cookies.header() } });
      return cookies.take(await (init.method === "POST" ? handlers.POST : handlers.GET)(request));
    };

    const { csrfToken } = (await (await app("/api/auth/csrf")).json()) as { csrfToken: string };
    const signIn = await app("/api/auth/signin/guestgate", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${APP}/welcome` }).toString(),
    });
    expect(signIn.status).toBe(302);
    const authorize = new URL(signIn.headers.get("location")!);
    expect(authorize.href.startsWith(`${ISSUER.replace("/v2.0", "")}/oauth2/v2.0/authorize?`)).toBe(true);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");

    const browser = testbed().browser();
    const interaction = await browser.navigate(authorize);
    expect(interaction.kind).toBe("interaction");
    const back = await browser.signIn(testbed().op, interaction.interactionId!, guestId);
    expect(back.url.origin + back.url.pathname).toBe(`${APP}/api/auth/callback/guestgate`);

    const callback = await app(back.url.pathname + back.url.search);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe(`${APP}/welcome`);
    const session = (await (await app("/api/auth/session")).json()) as { user?: Record<string, unknown> };
    expect(session.user).toMatchObject({ name: "Katherine Johnson", email: "katherine@example.com" });
  });
});
