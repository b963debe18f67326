// A guest's life as an organisation automates it with Microsoft Graph, seen from the browser and
// the application (issue 8's "Done when", against next start over https, on SQLite and
// PostgreSQL): an application registered and a user flow created and reordered through the Graph
// client; the next sign-up page asks what the flow now says, in its order; a group membership
// and an app role given through Graph are in the next ID and access tokens; blocking ends the
// refresh token and the next sign-in shows the blocked page with no code for the application; a
// deleted guest's refresh token is dead too.
import type { Client } from "@microsoft/microsoft-graph-client";
import { decodeJwt } from "jose";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { TestApplication } from "../support/applications";
import { withBrowser } from "../support/browser";
import { graphDatabaseProviders, withGraphServer } from "../support/graph";
import { heading, journeyPage, journeyTexts, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty, type SignInResult } from "../support/relying-party";

const TENANT = "woodgrove";
const ROLE_ID = "7c1e0000-0000-4000-8000-00000000a001";
const t = journeyTexts("en");
const mailbox = new Mailbox();
const browser = withBrowser();

describe.each(graphDatabaseProviders())("a guest's life through the Graph client and the browser (%s)", (provider) => {
  // The suite's SMTP capture, so that the passcode this server sends lands where Mailbox reads.
  const graph = withGraphServer(provider, {
    env: { SMTP_URL: inject("cliEnv").SMTP_URL, MAIL_FROM: "Guestgate e2e <no-reply@guestgate.test>" },
  });
  const rp = withRelyingParty({ origin: () => graph.origin() });

  /** An application registered through Graph, with an app role and group claims, and its own flow. */
  async function registerThroughGraph(client: Client): Promise<{ app: TestApplication; objectId: string; flowId: string }> {
    const application = await client.api("/applications").post({
      displayName: `Lifecycle portal ${provider}`,
      publicClient: { redirectUris: ["http://127.0.0.1/callback"] },
      groupMembershipClaims: "SecurityGroup",
      appRoles: [
        {
          id: ROLE_ID,
          allowedMemberTypes: ["User"],
          displayName: "Partner reader",
          description: "Reads partner data",
          value: "Partner.Read",
          isEnabled: true,
        },
      ],
    });
    const flow = await client.api("/identity/b2xUserFlows").post({
      id: `Lifecycle${provider}`,
      userFlowType: "signUpOrSignIn",
      userFlowTypeVersion: 1,
      identityProviders: [{ id: "emailotpsignup-oauth" }],
      guestgateApplications: [application.appId],
    });
    const assignments = `/identity/b2xUserFlows/${flow.id}/userAttributeAssignments`;
    await client.api(assignments).post({ isOptional: false, userInputType: "TextBox", userAttribute: { id: "givenName" } });
    await client.api(assignments).post({ isOptional: false, userInputType: "TextBox", userAttribute: { id: "city" } });
    return {
      objectId: application.id,
      flowId: flow.id,
      app: {
        tenant: TENANT,
        clientId: application.appId,
        name: application.displayName,
        registeredRedirectUri: "http://127.0.0.1/callback",
        redirectPath: "/callback",
        flowFile: "",
        passcodeOnly: true,
      },
    };
  }

  /** The journey's address and passcode steps, in English, with the passcode that arrives by mail. */
  async function signInWithPasscode(page: Page, email: string): Promise<void> {
    const journey = journeyPage(page, t);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
  }

  const pageOptions = () => ({ baseURL: graph.origin(), acceptRunCertificate: true, acceptLanguage: "en" });

  it("signs up as the flow reordered through Graph asks; Graph's group and app role are the next tokens' claims; block and delete end them", async () => {
    const client = await graph.client();
    const { app, objectId, flowId } = await registerThroughGraph(client);
    // Reordered after creation: the page must follow the stored order, not the order of the POSTs.
    await client
      .api(`/identity/b2xUserFlows/${flowId}/userAttributeAssignments/setOrder`)
      .post({ newAssignmentOrder: { order: ["city", "givenName"] } });

    const page = await browser.newPage(pageOptions());
    const email = uniqueEmail("graph-lifecycle");
    const first = await rp.begin(app, { scope: "openid profile email offline_access", uiLocales: "en" });
    await page.goto(first.url);
    await signInWithPasscode(page, email);
    expect(await heading(page)).toBe(t("attributes.page.title"));
    expect(await journeyPage(page, t).attributeFields()).toEqual(["city", "givenName"]);
    await journeyPage(page, t).fillAttributes({ city: "Utrecht", givenName: "Lieke" });
    await journeyPage(page, t).submitAttributes();
    const signedUp = await first.complete(page);
    expect(signedUp.claims.roles).toBeUndefined();
    // The application asks for group claims: an empty list until the guest is in a group.
    expect(signedUp.claims.groups).toEqual([]);

    // The guest, found as an automation finds it: by mail.
    const found = await client.api("/users").filter(`mail eq '${email}'`).get();
    expect(found.value).toHaveLength(1);
    const userId: string = found.value[0].id;
    expect(signedUp.claims.sub, "the token's subject is the Graph user's id").toBe(userId);
    const group = await client.api("/groups").post({
      displayName: `Lifecycle partners ${provider}`,
      mailEnabled: false,
      mailNickname: `lifecycle-${provider}`,
      securityEnabled: true,
    });
    await client
      .api(`/groups/${group.id}/members/$ref`)
      .post({ "@odata.id": `${graph.serviceRoot()}/directoryObjects/${userId}` });
    await client
      .api(`/users/${userId}/appRoleAssignments`)
      .post({ principalId: userId, resourceId: objectId, appRoleId: ROLE_ID });

    // The next sign-in is silent (the provider's session) and its tokens carry both.
    const second = await rp.begin(app, { scope: "openid profile email offline_access" });
    await page.goto(second.url);
    const again = await second.complete(page);
    expectClaims(again, group.id);

    // Blocked through Graph: the refresh token dies, and the next sign-in ends on the blocked page.
    await client.api(`/users/${userId}`).patch({ accountEnabled: false });
    await expect(rp.refresh(app, again.tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    const blockedPage = await browser.newPage(pageOptions());
    const third = await rp.begin(app, { uiLocales: "en" });
    const arrivalsBefore = rp.arrivals().length;
    await blockedPage.goto(third.url);
    await signInWithPasscode(blockedPage, email);
    expect(await heading(blockedPage)).toBe(t("journey.blocked.title"));
    expect(rp.arrivals().length, "the application received nothing").toBe(arrivalsBefore);

    // Unblocked, a fresh sign-in works again; deleted, its refresh token is dead and the guest gone.
    await client.api(`/users/${userId}`).patch({ accountEnabled: true });
    const fourth = await rp.begin(app, { scope: "openid offline_access", uiLocales: "en" });
    const fresh = await browser.newPage(pageOptions());
    await fresh.goto(fourth.url);
    await signInWithPasscode(fresh, email);
    const back = await fourth.complete(fresh);
    expectClaims(back, group.id);
    expect((await rp.refresh(app, back.tokens.refresh_token!)).access_token).toEqual(expect.any(String));
    await client.api(`/users/${userId}`).delete();
    await expect(client.api(`/users/${userId}`).get()).rejects.toMatchObject({ statusCode: 404 });
    await expect(rp.refresh(app, back.tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });
});

function expectClaims(result: SignInResult, groupId: string): void {
  for (const [name, claims] of [
    ["ID token", result.claims],
    ["access token", decodeJwt(result.tokens.access_token)],
  ] as const) {
    expect(claims.roles, `${name} roles`).toEqual(["Partner.Read"]);
    expect(claims.groups, `${name} groups`).toEqual([groupId]);
  }
}
