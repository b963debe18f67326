// My Access for someone not yet in the directory, through the service verbs the My Access pages
// call: what their address's domain lets them request, their request filed with their passcode
// identity and language, its history by address, a denial and a second request, two approval
// stages through Graph, then delivery: a guest made via the access package (no invitation mail)
// holding that identity, told in the request's language (real SMTP). Addresses of directory users
// are refused; another tenant sees nothing. SQLite and PostgreSQL.
import type { Client } from "@microsoft/microsoft-graph-client";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import PostalMime, { type Email } from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantFixture } from "../../../app/_lib/invitations/test-fixtures";
import { createAccessPackageMailer, createMailer, mailTranslator } from "../../../app/_lib/mail";
import { startSmtpCapture, type CapturedFile, type SmtpCapture } from "../../e2e/support/smtp-capture";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, obtainCode, OTHER_TENANT, REDIRECT, TENANT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const EM = "/identityGovernance/entitlementManagement";
const SCOPE = "openid https://graph.microsoft.com/EntitlementManagement.ReadWrite.All";

describe.each(testDatabaseProviders())("My Access for people not yet in the directory on %s", (provider) => {
  let graph: GraphBed;
  let smtp: SmtpCapture;
  let mailDir: string;
  let admin: Client;
  let spa: string;
  let sponsor: string;
  let rita: string;
  let rob: string;
  let accessPackage: { id: string };
  let staged: { id: string };
  const as: Record<string, Client> = {};
  const mailFailures: { what: string; error: unknown }[] = [];
  const tenant = tenantFixture(TENANT);

  const mailer = (smtpUrl: string) =>
    createAccessPackageMailer({
      mailer: createMailer({
        smtpUrl,
        from: "Guestgate <noreply@guestgate.test>",
        outboxDir: path.join(mailDir, "unused-outbox"),
        production: false,
        log: { info() {}, warn() {} },
      }),
      translator: mailTranslator,
      baseUrl: BASE,
      tenants: { find: (slug) => (slug === TENANT ? tenant : undefined) },
    });

  /** Every mail the capture server accepted for the address, parsed as a mail client would. */
  async function mailTo(address: string): Promise<Email[]> {
    const mails: Email[] = [];
    for (const name of (await readdir(mailDir)).filter((n) => n.endsWith(".json")).sort()) {
      const captured = JSON.parse(await readFile(path.join(mailDir, name), "utf8")) as CapturedFile;
      if (captured.envelope.rcptTo.includes(address)) mails.push(await PostalMime.parse(Buffer.from(captured.raw, "base64")));
    }
    return mails;
  }
  const subjectsTo = async (address: string) => (await mailTo(address)).map((mail) => mail.subject);

  const delegated = async (guestId: string) => {
    const { code, verifier } = await obtainCode(graph.bed, { clientId: spa, guestId, scope: SCOPE });
    const response = await tokenRequest(graph.bed, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      client_id: spa,
      code_verifier: verifier,
    });
    expect(response.status).toBe(200);
    return graph.client(((await response.json()) as { access_token: string }).access_token);
  };
  const stageIds = async (client: Client, requestId: string) =>
    ((await client.api(`${EM}/accessPackageAssignmentApprovals/${requestId}/stages`).get()).value as { id: string }[]).map(
      (s) => s.id,
    );
  const decide = (client: Client, requestId: string, stageId: string, reviewResult: string, justification: string) =>
    client.api(`${EM}/accessPackageAssignmentApprovals/${requestId}/stages/${stageId}`).patch({ reviewResult, justification });

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), "guestgate-access-outsiders-"));
    smtp = await startSmtpCapture(mailDir);
    graph = await createGraphBed(provider, {
      entitlementPorts: {
        notify: mailer(smtp.url),
        onNotifyFailure: (error, what) => void mailFailures.push({ what, error }),
      },
    });
    admin = graph.client(await graph.appToken(["EntitlementManagement.ReadWrite.All", "Group.ReadWrite.All", "User.Read.All"]));
    spa = await graph.bed.publicClient({ permissions: ["EntitlementManagement.ReadWrite.All"] });
    sponsor = await graph.bed.guest({
      email: "sanne@woodgrove.example",
      displayName: "Sanne de Vries",
      attributes: { preferredLanguage: "nl-NL" },
    });
    rita = await graph.bed.guest({
      email: "rita@woodgrove.example",
      displayName: "Rita Lind",
      attributes: { preferredLanguage: "sv" },
    });
    // No preferredLanguage: the tenant's default (English).
    rob = await graph.bed.guest({ email: "rob@woodgrove.example", displayName: "Rob Reviewer" });
    for (const id of [sponsor, rita, rob]) as[id] = await delegated(id);
    const reviewers = await admin
      .api("/groups")
      .post({ displayName: "Reviewers", mailEnabled: false, mailNickname: "reviewers", securityEnabled: true });
    for (const id of [rita, rob])
      await admin
        .api(`/groups/${reviewers.id}/members/$ref`)
        .post({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
    const partners = await admin
      .api("/groups")
      .post({ displayName: "Partners", mailEnabled: false, mailNickname: "partners", securityEnabled: true });
    const catalog = await admin.api(`${EM}/catalogs`).post({ displayName: "Partners", isExternallyVisible: true });
    await admin.api(`${EM}/resourceRequests`).post({
      requestType: "adminAdd",
      resource: { originId: partners.id, originSystem: "AadGroup" },
      catalog: { id: catalog.id },
    });
    accessPackage = await admin.api(`${EM}/accessPackages`).post({ displayName: "Partner portal", catalog: { id: catalog.id } });
    await admin.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
      role: {
        originId: `Member_${partners.id}`,
        originSystem: "AadGroup",
        resource: { originId: partners.id, originSystem: "AadGroup" },
      },
      scope: { originId: partners.id, originSystem: "AadGroup", isRootScope: true },
    });
    const fabrikam = await admin.api(`${EM}/connectedOrganizations`).post({
      displayName: "Fabrikam Ltd",
      identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "fabrikam.example" }],
    });
    staged = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Fabrikam, two stages",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "specificConnectedOrganizationUsers",
      specificAllowedTargets: [
        { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: fabrikam.id },
      ],
      expiration: { type: "noExpiration" },
      requestorSettings: { enableTargetsToSelfAddAccess: true },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        stages: [
          {
            durationBeforeAutomaticDenial: "P7D",
            primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: sponsor }],
          },
          {
            durationBeforeAutomaticDenial: "P3D",
            primaryApprovers: [{ "@odata.type": "#microsoft.graph.groupMembers", groupId: reviewers.id }],
          },
        ],
      },
    });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
    await smtp?.stop();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it("files My Access's request of someone not yet in the directory, delivers a guest made for them with their passcode identity, and writes to them in the request's language", async () => {
    const EMAIL_OTP = "urn:guestgate:email-otp";
    const outsider = { issuer: EMAIL_OTP, subject: "olle@fabrikam.example", email: "olle@fabrikam.example" };
    const myAccess = { type: "system" as const, name: "myAccess" };
    const call = { actor: myAccess, tenantId: TENANT };
    // What they may request: the Fabrikam policy, their address's domain being Fabrikam's.
    const offered = await graph.entitlements.outsiderOverview(TENANT, outsider);
    expect(offered.requestable.map((r) => [r.accessPackage.id, r.policies.map((p) => p.id)])).toEqual([
      [accessPackage.id, [staged.id]],
    ]);
    // Another tenant knows neither the package nor the request.
    expect((await graph.entitlements.outsiderOverview(OTHER_TENANT, outsider)).requestable).toEqual([]);
    await expect(
      graph.entitlements.outsiderAdd(
        { actor: myAccess, tenantId: OTHER_TENANT },
        { accessPackageId: accessPackage.id, policyId: staged.id, justification: "", outsider },
      ),
    ).rejects.toMatchObject({ name: "EntitlementError" });
    // A domain no connected organisation has is not admitted by this policy.
    await expect(
      graph.entitlements.outsiderAdd(call, {
        accessPackageId: accessPackage.id,
        policyId: staged.id,
        justification: "",
        outsider: { issuer: EMAIL_OTP, subject: "eve@elsewhere.example", email: "eve@elsewhere.example" },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });

    const file = () =>
      graph.entitlements.outsiderAdd(call, {
        accessPackageId: accessPackage.id,
        policyId: staged.id,
        justification: "Leverantör till projekt Lindholm",
        locale: "sv",
        outsider,
      });
    // Denied first, then asked again: a denied request does not stand in the way.
    const first = await file();
    expect(first).toMatchObject({ requestType: "userAdd", state: "pendingApproval", target: null, requestorId: null });
    expect(first.requestor).toEqual(outsider);
    expect(first.locale).toBe("sv");
    await expect(file()).rejects.toMatchObject({ code: "conflict" });
    const [deniedStage] = await stageIds(as[sponsor]!, first.id);
    await decide(as[sponsor]!, first.id, deniedStage!, "Deny", "Inte nu");
    const [denial] = await mailTo("olle@fabrikam.example");
    expect(denial!.html).toContain('<html lang="sv">');

    const request = await file();
    // Their history, by their address, before a guest exists; cancellable by them only while it waits.
    const history = await graph.entitlements.outsiderOverview(TENANT, outsider, accessPackage.id);
    expect(history.requests.map((r) => [r.id, r.state])).toEqual([
      [request.id, "pendingApproval"],
      [first.id, "denied"],
    ]);
    expect(history.assignments).toEqual([]);
    expect((await graph.entitlements.outsiderOverview(OTHER_TENANT, outsider)).requests).toEqual([]);
    const created = await graph.bed.db.prisma.auditEvent.findFirstOrThrow({
      where: { type: "accessPackageAssignmentRequest.created", targetId: request.id },
    });
    expect(created).toMatchObject({ actorType: "system", actorId: "myAccess" });
    expect(JSON.parse(created.data!)).toMatchObject({ target: outsider.email, requestorSubject: outsider.subject });

    const [one, two] = await stageIds(as[sponsor]!, request.id);
    await decide(as[sponsor]!, request.id, one!, "Approve", "Känd leverantör");
    await decide(as[rob]!, request.id, two!, "Approve", "");
    const delivered = await admin.api(`${EM}/assignmentRequests/${request.id}`).get();
    expect(delivered.state).toBe("delivered");
    // The guest the delivery made: via an access package, no invitation mail, active with the passcode identity.
    const guest = await graph.bed.db.prisma.guest.findFirstOrThrow({
      where: { tenantId: TENANT, email: outsider.email },
      include: { identities: true },
    });
    expect(guest).toMatchObject({ createdVia: "accessPackage", state: "active" });
    expect(guest.identities.map((i) => [i.issuer, i.subject])).toEqual([[EMAIL_OTP, outsider.subject]]);
    expect(graph.mails.filter((m) => m.to === outsider.email)).toEqual([]);
    const assignment = await graph.bed.db.prisma.accessPackageAssignment.findFirstOrThrow({
      where: { id: delivered.assignment.id },
    });
    expect(assignment.targetGuestId).toBe(guest.id);
    // Told in Swedish, the language the request was filed in.
    const subjects = await subjectsTo("olle@fabrikam.example");
    expect(subjects).toHaveLength(2);
    expect((await mailTo("olle@fabrikam.example"))[1]!.html).toContain('<html lang="sv">');
    // A guest now: My Access no longer treats the address as an outsider's.
    await expect(graph.entitlements.outsiderOverview(TENANT, outsider)).rejects.toMatchObject({ code: "forbidden" });
    await expect(file()).rejects.toMatchObject({ code: "forbidden" });
    expect(mailFailures).toEqual([]);
  });

  it("refuses an outsider's request for the address of a blocked directory user", async () => {
    await graph.bed.guest({ email: "bo@fabrikam.example", state: "blocked" });
    const outsider = { issuer: "urn:guestgate:email-otp", subject: "bo@fabrikam.example", email: "bo@fabrikam.example" };
    await expect(graph.entitlements.outsiderOverview(TENANT, outsider)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      graph.entitlements.outsiderAdd(
        { actor: { type: "system", name: "myAccess" }, tenantId: TENANT },
        { accessPackageId: accessPackage.id, policyId: staged.id, justification: "", outsider },
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
