// POST /invitations through the unmodified @microsoft/microsoft-graph-client (its middleware builds
// and parses; the in-process bed answers), with the tenant's own tokens, on SQLite and, with
// TEST_DATABASE_URL, PostgreSQL: Graph's shape (contract "invitation-post"), the message with cc,
// resetRedemption, the pending guest seen through $filter=externalUserState, refusals.
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, OTHER_TENANT, TENANT, type Testbed } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";
import { graphClientOver } from "./graph-client";

const REDIRECT = "https://portal.woodgrove.example/partners/welcome";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function refusal(work: Promise<unknown>): Promise<GraphError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error("the call succeeded");
}

describe.each(testDatabaseProviders())("Graph POST /invitations with the Graph JS client on %s", (provider) => {
  let graph: GraphBed;
  let bed: Testbed;
  let inviter: Client;
  let writer: Client;
  let reader: Client;

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    ({ bed } = graph);
    inviter = graphClientOver(graph, await graph.appToken(["User.Invite.All"]));
    writer = graphClientOver(graph, await graph.appToken(["User.ReadWrite.All"]));
    reader = graphClientOver(graph, await graph.appToken(["User.Read.All"]));
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("invites without a message: 201 with Graph's invitation, the pending guest behind it, nothing sent", async () => {
    const invitation = await inviter.api("/invitations").post({
      invitedUserEmailAddress: "Ana.Berg@Example.net",
      invitedUserDisplayName: "Ana Berg",
      inviteRedirectUrl: REDIRECT,
    });
    expect(invitation).toMatchObject({
      "@odata.context": `${BASE}/${TENANT}/graph/v1.0/$metadata#invitations/$entity`,
      id: expect.stringMatching(GUID),
      inviteRedeemUrl: expect.stringMatching(new RegExp(`^${BASE}/${TENANT}/invite/[A-Za-z0-9_-]{43}$`)),
      inviteRedirectUrl: REDIRECT,
      invitedUserDisplayName: "Ana Berg",
      invitedUserEmailAddress: "ana.berg@example.net",
      invitedUserType: "Guest",
      sendInvitationMessage: false,
      resetRedemption: false,
      status: "PendingAcceptance",
      invitedUserMessageInfo: { messageLanguage: null, customizedMessageBody: null, ccRecipients: [] },
      invitedUser: { id: expect.stringMatching(GUID) },
    });
    expect(graph.mails).toEqual([]);
    const user = await reader
      .api(`/users/${invitation.invitedUser.id}`)
      .select(["id", "mail", "userType", "creationType", "externalUserState", "identities"])
      .get();
    expect(user).toMatchObject({
      mail: "ana.berg@example.net",
      userType: "Guest",
      creationType: "Invitation",
      externalUserState: "PendingAcceptance",
    });
    const row = await bed.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.ticketHash).not.toBe(invitation.inviteRedeemUrl.split("/").at(-1));
  });

  it("invites with a message, a language and one cc; the e-mail carries the same link", async () => {
    const invitation = await inviter.api("/invitations").post({
      invitedUserEmailAddress: "bo@example.net",
      inviteRedirectUrl: REDIRECT,
      sendInvitationMessage: true,
      invitedUserMessageInfo: {
        messageLanguage: "sv-SE",
        customizedMessageBody: "Välkommen <b>Bo</b>!",
        ccRecipients: [{ emailAddress: { name: "Sponsor", address: "sponsor@woodgrove.example" } }],
      },
    });
    expect(invitation).toMatchObject({
      sendInvitationMessage: true,
      invitedUserMessageInfo: {
        messageLanguage: "sv-SE",
        customizedMessageBody: "Välkommen <b>Bo</b>!",
        ccRecipients: [{ emailAddress: { name: null, address: "sponsor@woodgrove.example" } }],
      },
    });
    const mail = graph.mails.at(-1)!;
    expect(mail).toMatchObject({
      kind: "invitation",
      to: "bo@example.net",
      cc: "sponsor@woodgrove.example",
      language: "sv",
      inviterName: "Graph client",
      redeemUrl: invitation.inviteRedeemUrl,
    });
  });

  it("returns the same guest for a second invitation of the address, with a new redeem URL", async () => {
    const first = await inviter
      .api("/invitations")
      .post({ invitedUserEmailAddress: "cy@example.net", inviteRedirectUrl: REDIRECT });
    const second = await inviter
      .api("/invitations")
      .post({ invitedUserEmailAddress: "CY@example.net", inviteRedirectUrl: REDIRECT });
    expect(second.invitedUser.id).toBe(first.invitedUser.id);
    expect(second.inviteRedeemUrl).not.toBe(first.inviteRedeemUrl);
    expect(await bed.db.prisma.guest.count({ where: { tenantId: TENANT, email: "cy@example.net" } })).toBe(1);
  });

  it("lists pending guests with $filter=externalUserState eq 'PendingAcceptance'", async () => {
    await inviter.api("/invitations").post({ invitedUserEmailAddress: "dee@example.net", inviteRedirectUrl: REDIRECT });
    await bed.guest({ displayName: "Active Al", email: "al@partner.example" });
    const page = await reader
      .api("/users")
      .filter("externalUserState eq 'PendingAcceptance'")
      .select(["id", "mail", "externalUserState"])
      .top(999)
      .get();
    const mails = page.value.map((u: { mail: string }) => u.mail);
    expect(mails).toEqual(expect.arrayContaining(["ana.berg@example.net", "bo@example.net", "dee@example.net"]));
    expect(mails).not.toContain("al@partner.example");
    expect(page.value.every((u: { externalUserState: string }) => u.externalUserState === "PendingAcceptance")).toBe(true);
  });

  it("resets a redemption with invitedUser.id (User.ReadWrite.All): the guest is pending again, identities gone", async () => {
    const invited = await inviter
      .api("/invitations")
      .post({ invitedUserEmailAddress: "eve@example.net", inviteRedirectUrl: REDIRECT });
    const guestId = invited.invitedUser.id as string;
    await bed.db.prisma.identity.create({
      data: { tenantId: TENANT, guestId, issuer: "https://accounts.google.com", subject: "eve-google", provider: "google" },
    });
    await bed.db.prisma.guest.update({ where: { id: guestId }, data: { state: "active" } });
    const body = {
      invitedUserEmailAddress: "eve@example.net",
      inviteRedirectUrl: REDIRECT,
      resetRedemption: true,
      invitedUser: { id: guestId },
    };
    const denied = await refusal(inviter.api("/invitations").post(body));
    expect([denied.statusCode, denied.code]).toEqual([403, "Authorization_RequestDenied"]);
    const reset = await writer.api("/invitations").post(body);
    expect(reset).toMatchObject({ status: "PendingAcceptance", resetRedemption: true, invitedUser: { id: guestId } });
    expect(await bed.db.prisma.identity.count({ where: { guestId } })).toBe(0);
    const user = await reader.api(`/users/${guestId}`).select(["externalUserState"]).get();
    expect(user.externalUserState).toBe("PendingAcceptance");
    const unknown = await refusal(
      writer.api("/invitations").post({ ...body, invitedUser: { id: "00000000-0000-4000-8000-000000000000" } }),
    );
    expect([unknown.statusCode, unknown.code]).toEqual([404, "Request_ResourceNotFound"]);
    const missing = await refusal(writer.api("/invitations").post({ ...body, invitedUser: undefined }));
    expect([missing.statusCode, missing.code]).toEqual([400, "Request_BadRequest"]);
  });

  it("refuses a bad address, an open redirect, a Member from an application and a reader, writing nothing", async () => {
    const before = await bed.db.prisma.invitation.count();
    const cases: [unknown, number, string][] = [
      [{ invitedUserEmailAddress: "not-an-address", inviteRedirectUrl: REDIRECT }, 400, "Request_BadRequest"],
      [{ invitedUserEmailAddress: "f@example.net", inviteRedirectUrl: "https://evil.example/" }, 400, "Request_BadRequest"],
      [
        { invitedUserEmailAddress: "f@example.net", inviteRedirectUrl: REDIRECT, invitedUserType: "Member" },
        403,
        "Authorization_RequestDenied",
      ],
      [{ invitedUserEmailAddress: "f@example.net", inviteRedirectUrl: REDIRECT, unknown: 1 }, 400, "Request_BadRequest"],
      [{ invitedUserEmailAddress: "f@example.net" }, 400, "Request_BadRequest"],
    ];
    for (const [body, status, code] of cases) {
      const error = await refusal(inviter.api("/invitations").post(body));
      expect([error.statusCode, error.code]).toEqual([status, code]);
    }
    const redirectError = await refusal(
      inviter.api("/invitations").post({ invitedUserEmailAddress: "f@example.net", inviteRedirectUrl: "https://evil.example/" }),
    );
    expect(redirectError.message).toContain("inviteRedirectUrl");
    const readerError = await refusal(
      reader.api("/invitations").post({ invitedUserEmailAddress: "f@example.net", inviteRedirectUrl: REDIRECT }),
    );
    expect([readerError.statusCode, readerError.code]).toEqual([403, "Authorization_RequestDenied"]);
    expect(await bed.db.prisma.invitation.count()).toBe(before);
    expect(await bed.db.prisma.guest.count({ where: { email: "f@example.net" } })).toBe(0);
  });

  it("refuses an inviteRedirectUrl two applications claim alike with a 400 naming both; the more specific claim wins otherwise", async () => {
    const apps = graphClientOver(graph, await graph.appToken(["Application.ReadWrite.All"]));
    const shared = "https://shared.woodgrove.example/signin-oidc";
    const first = await apps.api("/applications").post({
      displayName: "Partner portal",
      web: { redirectUris: [shared], homePageUrl: "https://shared.woodgrove.example/" },
    });
    const second = await apps.api("/applications").post({
      displayName: "Supplier portal",
      web: { redirectUris: [shared], homePageUrl: "https://shared.woodgrove.example/suppliers/" },
    });
    const before = await bed.db.prisma.invitation.count();
    const ambiguous = await refusal(
      inviter.api("/invitations").post({ invitedUserEmailAddress: "amb@example.net", inviteRedirectUrl: shared }),
    );
    expect([ambiguous.statusCode, ambiguous.code]).toEqual([400, "Request_BadRequest"]);
    expect(ambiguous.message).toContain("inviteRedirectUrl belongs to more than one application");
    expect(ambiguous.message).toContain(`'Partner portal' (${first.appId})`);
    expect(ambiguous.message).toContain(`'Supplier portal' (${second.appId})`);
    expect(await bed.db.prisma.invitation.count()).toBe(before);
    expect(await bed.db.prisma.guest.count({ where: { email: "amb@example.net" } })).toBe(0);
    // Under both home pages, the longer one is the more specific: no ambiguity, the invitation is made.
    const specific = await inviter.api("/invitations").post({
      invitedUserEmailAddress: "amb@example.net",
      inviteRedirectUrl: "https://shared.woodgrove.example/suppliers/welcome",
    });
    expect(specific.status).toBe("PendingAcceptance");
    await apps.api(`/applications/${first.id}`).delete();
    await apps.api(`/applications/${second.id}`).delete();
  });

  it("keeps tenants apart: a token of this tenant is refused by another, whose redirect rules are its own", async () => {
    const wrongTenant = await refusal(
      graphClientOver(graph, await graph.appToken(["User.Invite.All"], TENANT), OTHER_TENANT)
        .api("/invitations")
        .post({ invitedUserEmailAddress: "x@example.net", inviteRedirectUrl: REDIRECT }),
    );
    expect(wrongTenant.statusCode).toBe(401);
    const error = await refusal(
      graphClientOver(graph, await graph.appToken(["User.Invite.All"], OTHER_TENANT), OTHER_TENANT)
        .api("/invitations")
        .post({
          invitedUserEmailAddress: "ana.berg@example.net",
          inviteRedirectUrl: "https://portal.woodgrove.example/partners",
        }),
    );
    // The other tenant's allow-list is its own (the fixture's woodgrove URL is not on sparbanken's applications).
    expect(error.statusCode).toBe(400);
    const mine = await bed.db.prisma.guest.findMany({ where: { email: "ana.berg@example.net" } });
    expect(mine.map((g) => g.tenantId)).toEqual([TENANT]);
  });
});
