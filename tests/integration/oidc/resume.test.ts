import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { authorizeUrl, createTestbed, ISSUER, LOOPBACK, pkce, REDIRECT, TENANT, type Browser, type Testbed } from "./harness";

// Between the journey completing the interaction and the browser following the resume URL, an
// administrator may block or delete the guest, remove a redirect URI or the client itself. Resume
// runs authorize's checks again on the stored request, so none of that yields a code:
// - a guest who may no longer sign in: access_denied to the client (RFC 6749 §4.1.2.1), with state
//   and iss (RFC 9207 §2). Not login_required: that is for a request that would need a login page
//   it may not show (OIDC Core §3.1.2.6, prompt=none); this person did sign in, and the
//   authorization server refuses. Blocked and deleted answer alike.
// - a client or redirect URI no longer registered: our error page, never a redirect to the URI
//   (RFC 6749 §4.1.2.1, RFC 9700 §4.1).

describe.each(testDatabaseProviders())("authorize/resume repeats authorize's checks on %s", (provider) => {
  let bed: Testbed;
  let clientId: string;
  const { challenge } = pkce();
  const request = (client = clientId) => ({
    client_id: client,
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: "openid",
    state: "st-resume",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });

  /** Authorize → the journey completes the interaction for `guestId` (and sets the session cookie) → the resume URL, not yet followed. */
  async function completedInteraction(guestId: string, client = clientId): Promise<{ browser: Browser; resumeUrl: string }> {
    const browser = bed.browser();
    const nav = await browser.navigate(authorizeUrl(request(client)));
    expect(nav.kind).toBe("interaction");
    const { resumeUrl, sessionCookie } = await bed.op.completeInteraction(TENANT, nav.interactionId!, {
      guestId,
      amr: ["otp"],
      remember: false,
    });
    browser.setCookie(sessionCookie);
    return { browser, resumeUrl };
  }

  const codesFor = (guestId: string) => bed.db.prisma.authorizationCode.count({ where: { guestId } });
  const atRedirectUri = (url: URL) => `${url.origin}${url.pathname}` === REDIRECT;
  /** access_denied at the client's redirect URI, with state and iss (RFC 6749 §4.1.2.1, RFC 9207). */
  const expectGuestRefused = (back: Awaited<ReturnType<Browser["navigate"]>>) => {
    expect(back).toMatchObject({ kind: "client", status: 302 });
    expect(atRedirectUri(back.url)).toBe(true);
    expect(Object.fromEntries(back.url.searchParams)).toEqual({
      error: "access_denied",
      error_description: "the guest may not sign in",
      state: "st-resume",
      iss: ISSUER,
    });
  };

  beforeAll(async () => {
    bed = await createTestbed(provider);
    clientId = await bed.publicClient();
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  it("an active guest resumes to a code (the contrast for what follows)", async () => {
    const guestId = await bed.guest();
    const { browser, resumeUrl } = await completedInteraction(guestId);
    const back = await browser.navigate(resumeUrl);
    expect(back.kind).toBe("client");
    expect(atRedirectUri(back.url)).toBe(true);
    expect(back.url.searchParams.get("code")).toMatch(/^[\w-]{43}$/);
    expect(await codesFor(guestId)).toBe(1);
  });

  it("a guest blocked after the journey gets access_denied with state and iss, and no code", async () => {
    const guestId = await bed.guest();
    const { browser, resumeUrl } = await completedInteraction(guestId);
    await bed.db.prisma.guest.update({ where: { id: guestId }, data: { state: "blocked" } });

    const back = await browser.navigate(resumeUrl);
    expectGuestRefused(back);
    expect(await codesFor(guestId)).toBe(0);

    // The refusal used the interaction up: unblocking the guest does not make the old link work.
    await bed.db.prisma.guest.update({ where: { id: guestId }, data: { state: "active" } });
    const again = await browser.navigate(resumeUrl);
    expect(again.kind).toBe("error-page");
    expect(again.url.searchParams.get("code")).toBe("interaction_expired");
    expect(await codesFor(guestId)).toBe(0);
  });

  it("a guest deleted after the journey gets the same access_denied, and no code", async () => {
    const guestId = await bed.guest();
    const { browser, resumeUrl } = await completedInteraction(guestId);
    await bed.db.prisma.guest.delete({ where: { id: guestId } });

    const back = await browser.navigate(resumeUrl);
    expectGuestRefused(back);
    expect(await codesFor(guestId)).toBe(0);
  });

  it("a redirect URI removed from the client meanwhile receives nothing: the error page instead", async () => {
    const client = await bed.publicClient();
    const guestId = await bed.guest();
    const { browser, resumeUrl } = await completedInteraction(guestId, client);
    await bed.db.prisma.application.update({ where: { clientId: client }, data: { redirectUris: JSON.stringify([LOOPBACK]) } });

    const back = await browser.navigate(resumeUrl);
    expect(back.kind).toBe("error-page");
    expect(back.url.searchParams.get("code")).toBe("invalid_redirect_uri");
    expect(await codesFor(guestId)).toBe(0);
  });

  it("a client deleted meanwhile gets nothing: the error page instead", async () => {
    const client = await bed.publicClient();
    const guestId = await bed.guest();
    const { browser, resumeUrl } = await completedInteraction(guestId, client);
    await bed.db.prisma.application.delete({ where: { clientId: client } });

    const back = await browser.navigate(resumeUrl);
    expect(back.kind).toBe("error-page");
    expect(back.url.searchParams.get("code")).toBe("unknown_client");
    expect(await codesFor(guestId)).toBe(0);
  });

  it("a client no longer registered for the code flow gets unauthorized_client with state and iss", async () => {
    const client = await bed.publicClient();
    const guestId = await bed.guest();
    const { browser, resumeUrl } = await completedInteraction(guestId, client);
    await bed.db.prisma.application.update({
      where: { clientId: client },
      data: { grantTypes: JSON.stringify(["client_credentials"]) },
    });

    const back = await browser.navigate(resumeUrl);
    expect(back.kind).toBe("client");
    expect(Object.fromEntries(back.url.searchParams)).toEqual({
      error: "unauthorized_client",
      error_description: "this client may not use the authorization code flow",
      state: "st-resume",
      iss: ISSUER,
    });
    expect(await codesFor(guestId)).toBe(0);
  });
});
