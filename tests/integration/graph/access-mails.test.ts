// The mails of access-package requests, sent through real SMTP (a local capture server) and read
// back as a mail client parses them: each approver of the stage that starts is asked in their own
// language (preferredLanguage, else the tenant's default) with the portal's approval page of the
// request; the person the access is for hears "delivered", "denied" with the approver's words,
// "denied when time ran out", "expiring soon" 7 days and 1 day before the end (each once), "ended"
// and "removed" in theirs, with the My Access link; an undecided stage with escalation goes to its
// escalation approvers, who are asked and may then decide. An SMTP server that refuses leaves the decision
// standing and the failure reported. SQLite and PostgreSQL.
import type { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import PostalMime, { type Email } from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEntitlementService, entitlementLifecycleJob, type EntitlementService } from "../../../app/_lib/access";
import { createEntitlementStore } from "../../../app/_lib/db";
import { tenantFixture } from "../../../app/_lib/invitations/test-fixtures";
import { createAccessPackageMailer, createMailer, mailTranslator } from "../../../app/_lib/mail";
import { startSmtpCapture, type CapturedFile, type SmtpCapture } from "../../e2e/support/smtp-capture";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, obtainCode, REDIRECT, TENANT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const EM = "/identityGovernance/entitlementManagement";
const DAY = 24 * 3600 * 1000;
const SCOPE = "openid https://graph.microsoft.com/EntitlementManagement.ReadWrite.All";
const system = { type: "system" as const, name: "job:access-package-lifecycle" };

describe.each(testDatabaseProviders())("access-package mails through SMTP on %s", (provider) => {
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
  let direct: { id: string };
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
  const job = () => entitlementLifecycleJob(graph.entitlements);
  const later = (days: number) => new Date(Date.now() + days * DAY);

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), "guestgate-access-mails-"));
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
    direct = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Direct, ten days",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      expiration: { type: "afterDuration", duration: "P10D" },
    });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
    await smtp?.stop();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it("asks each stage's approvers in their own language, then tells the new guest their access is ready", async () => {
    const request = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: {
        target: { email: "nina@fabrikam.example" },
        assignmentPolicyId: staged.id,
        accessPackageId: accessPackage.id,
      },
      justification: "Joins project Lindholm\nuntil summer",
    });
    expect(request.state).toBe("pendingApproval");
    const review = `${BASE}/${TENANT}/admin/access-approvals/${request.id}`;

    // Stage 1: only the sponsor is asked, in Dutch (nl-NL), with who, from where, why, until when, and the link.
    const [asked] = await mailTo("sanne@woodgrove.example");
    expect(asked!.subject).toBe("Toegangsaanvraag wacht op uw goedkeuring: Partner portal");
    expect(asked!.text).toContain(
      "<nina@fabrikam.example> van Fabrikam Ltd vraagt het toegangspakket Partner portal aan bij Woodgrove Groceries.",
    );
    expect(asked!.text).toContain("Uw beslissing is goedkeuringsfase 1 van 2.");
    expect(asked!.text).toContain("> Joins project Lindholm\n> until summer");
    expect(asked!.text).toMatch(/Als niemand vóór .* UTC beslist, wordt de aanvraag automatisch afgewezen\./);
    expect(asked!.text).toContain(review);
    expect(asked!.html).toContain('<html lang="nl">');
    expect(asked!.html).toContain(`href="${review}"`);
    expect(await mailTo("rita@woodgrove.example")).toEqual([]);

    const [first, second] = await stageIds(as[sponsor]!, request.id);
    await decide(as[sponsor]!, request.id, first!, "Approve", "Known partner");
    // Stage 2: both reviewers, Rita in Swedish, Rob in the tenant's default; the sponsor hears nothing more.
    const [toRita] = await mailTo("rita@woodgrove.example");
    expect(toRita!.subject).toBe("Åtkomstbegäran väntar på ditt godkännande: Partner portal");
    expect(toRita!.text).toContain("Ditt beslut gäller godkännandesteg 2 av 2.");
    expect(toRita!.text).toContain(review);
    const [toRob] = await mailTo("rob@woodgrove.example");
    expect(toRob!.subject).toBe("Access request waiting for your approval: Partner portal");
    expect(toRob!.text).toContain(
      "<nina@fabrikam.example> from Fabrikam Ltd asks for the access package Partner portal at Woodgrove Groceries.",
    );
    expect(await subjectsTo("sanne@woodgrove.example")).toHaveLength(1);
    expect(await mailTo("nina@fabrikam.example")).toEqual([]);

    await decide(as[rita]!, request.id, second!, "Approve", "");
    expect((await admin.api(`${EM}/assignmentRequests/${request.id}`).get()).state).toBe("delivered");
    // Not yet in the directory when asked: the tenant's default language, no end date, and the
    // link of the new guest's invitation, where Nina proves the address before My Access opens.
    const [ready] = await mailTo("nina@fabrikam.example");
    expect(ready!.subject).toBe("Your access to Partner portal is ready");
    expect(ready!.text).toContain("Woodgrove Groceries has given you the access package Partner portal.");
    expect(ready!.text).not.toContain("lasts until");
    const invite = new RegExp(`href="(${BASE}/${TENANT}/invite/[A-Za-z0-9_-]{20,})"`).exec(ready!.html ?? "")?.[1];
    expect(invite).toBeDefined();
    expect(ready!.text).toContain(invite);
    const ticket = invite!.split("/").pop()!;
    const opened = await graph.invitations.open(TENANT, ticket);
    expect(opened.status).toBe("valid");
    // No invitation mail besides: the delivered mail is the one that carries the link.
    expect(graph.mails.filter((mail) => mail.to === "nina@fabrikam.example")).toEqual([]);

    // adminRemove: the access goes, and the person is told.
    const delivered = await admin.api(`${EM}/assignmentRequests/${request.id}`).get();
    await admin.api(`${EM}/assignmentRequests`).post({ requestType: "adminRemove", assignment: { id: delivered.assignment.id } });
    expect(await subjectsTo("nina@fabrikam.example")).toEqual([
      "Your access to Partner portal is ready",
      "Your access to Partner portal has been removed",
    ]);
    expect(mailFailures).toEqual([]);
  });

  it("tells the requestor of a denial with the approver's words, and of a denial when time ran out, in French", async () => {
    const ana = await graph.bed.guest({
      email: "ana@fabrikam.example",
      displayName: "Ana Berg",
      attributes: { preferredLanguage: "fr-CA" },
    });
    const asAna = await delegated(ana);
    const ask = () =>
      asAna.api(`${EM}/assignmentRequests`).post({
        requestType: "userAdd",
        assignment: { accessPackageId: accessPackage.id, assignmentPolicyId: staged.id },
        justification: "Projet Lindholm",
      });
    const denied = await ask();
    const [stage] = await stageIds(as[sponsor]!, denied.id);
    await decide(as[sponsor]!, denied.id, stage!, "Deny", "Pas ce trimestre <merci>");
    const [refusal] = await mailTo("ana@fabrikam.example");
    expect(refusal!.subject).toBe("Votre demande de Partner portal");
    expect(refusal!.text).toContain("Woodgrove Groceries a examiné votre demande du package d’accès Partner portal");
    expect(refusal!.text).toContain("Message de l’approbateur\u202f:\n> Pas ce trimestre <merci>");
    // The approver's words are text: escaped in the HTML part.
    expect(refusal!.html).toContain("Pas ce trimestre &lt;merci&gt;");
    expect(refusal!.html).toContain('<html lang="fr">');

    const lapsing = await ask();
    expect(await job().run({ now: later(8), actor: system })).toMatchObject({ denied: 1 });
    expect((await admin.api(`${EM}/assignmentRequests/${lapsing.id}`).get()).state).toBe("denied");
    const mails = await mailTo("ana@fabrikam.example");
    expect(mails.map((m) => m.subject)).toEqual(["Votre demande de Partner portal", "Votre demande de Partner portal"]);
    expect(mails[1]!.text).toContain("Votre demande a expiré");
    expect(mails[1]!.text).toContain("elle a donc été refusée automatiquement");
    expect(mails[1]!.text).toContain(`${BASE}/${TENANT}/myaccess`);
    // Ana's own requests never asked Ana to approve, and the sponsor was asked twice.
    expect(await subjectsTo("sanne@woodgrove.example")).toHaveLength(3);
    expect(mailFailures).toEqual([]);
  });

  it("sends the expiring-soon notice 7 days and 1 day before the end, each once, then the end (clock moved)", async () => {
    const bo = await graph.bed.guest({
      email: "bo@contoso.example",
      displayName: "Bo Ek",
      attributes: { preferredLanguage: "sv-SE" },
    });
    const assigned = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId: bo, assignmentPolicyId: direct.id, accessPackageId: accessPackage.id },
    });
    expect(assigned.state).toBe("delivered");
    const [ready] = await mailTo("bo@contoso.example");
    expect(ready!.subject).toBe("Din åtkomst till Partner portal är klar");
    expect(ready!.text).toMatch(/Din åtkomst gäller till \d+ \w+ \d{4}\./);

    const run = async (days: number) => (await job().run({ now: later(days), actor: system })).reminded;
    expect(await run(2)).toBe(0); // 8 days left
    expect(await run(4)).toBe(1); // 6 days left: the 7-day notice
    expect(await run(5)).toBe(0); // sent once
    expect(await run(9.5)).toBe(1); // half a day left: the 1-day notice
    expect(await run(9.6)).toBe(0);
    expect(await job().run({ now: later(11), actor: system })).toMatchObject({ expired: 1, reminded: 0 });
    const mails = await mailTo("bo@contoso.example");
    expect(mails.map((m) => m.subject)).toEqual([
      "Din åtkomst till Partner portal är klar",
      expect.stringMatching(/^Din åtkomst till Partner portal upphör \d+ \w+ \d{4}$/),
      expect.stringMatching(/^Din åtkomst till Partner portal upphör \d+ \w+ \d{4}$/),
      "Din åtkomst till Partner portal har upphört",
    ]);
    expect(mails[1]!.text).toContain("be om förlängning på Min åtkomst");
    const row = await graph.bed.db.prisma.accessPackageAssignment.findUniqueOrThrow({ where: { id: assigned.assignment.id } });
    expect([row.state, row.expiryNoticeDays]).toEqual(["expired", 1]);
    expect(mailFailures).toEqual([]);
  });

  it("escalates an undecided stage to its escalation approvers, who are asked in their language and may then decide", async () => {
    const escalating = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Escalating",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        stages: [
          {
            durationBeforeAutomaticDenial: "P7D",
            primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: rob }],
            isEscalationEnabled: true,
            durationBeforeEscalation: "P2D",
            escalationApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: rita }],
          },
        ],
      },
    });
    const eve = await graph.bed.guest({ email: "eve@contoso.example", displayName: "Eve" });
    const before = (await mailTo("rita@woodgrove.example")).length;
    const request = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId: eve, assignmentPolicyId: escalating.id, accessPackageId: accessPackage.id },
      justification: "Audit",
    });
    expect((await mailTo("rob@woodgrove.example")).at(-1)!.subject).toBe(
      "Access request waiting for your approval: Partner portal",
    );
    expect(await mailTo("rita@woodgrove.example")).toHaveLength(before);
    const [stage] = await stageIds(admin, request.id);
    // Before the escalation Rita does not decide.
    const early = await decide(as[rita]!, request.id, stage!, "Approve", "").then(
      () => 200,
      (error: GraphError) => error.statusCode,
    );
    expect(early).toBe(403);
    expect(await job().run({ now: later(1), actor: system })).toMatchObject({ escalated: 0 });
    expect(await job().run({ now: later(3), actor: system })).toMatchObject({ escalated: 1 });
    expect(await job().run({ now: later(3), actor: system })).toMatchObject({ escalated: 0 });
    const mails = await mailTo("rita@woodgrove.example");
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.text).toContain("De första godkännarna har inte beslutat i tid");
    expect(mails.at(-1)!.text).toContain(`${BASE}/${TENANT}/admin/access-approvals/${request.id}`);
    const queue = await as[rita]!.api(`${EM}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`).get();
    expect(queue.value.map((a: { id: string }) => a.id)).toContain(request.id);
    await decide(as[rita]!, request.id, stage!, "Approve", "Covering for Rob");
    expect((await admin.api(`${EM}/assignmentRequests/${request.id}`).get()).state).toBe("delivered");
    const escalated = await graph.bed.db.prisma.auditEvent.findFirstOrThrow({
      where: { targetId: request.id, type: "accessPackageAssignmentRequest.escalated" },
    });
    expect([escalated.actorType, escalated.actorId]).toEqual(["system", system.name]);
    expect(mailFailures).toEqual([]);
  });

  it("keeps the decision when the SMTP server cannot be reached, and reports the mail that was not sent", async () => {
    const failures: { what: string; error: unknown }[] = [];
    // A service whose mail goes to a port nothing listens on: a real connection refused.
    const unreachable: EntitlementService = createEntitlementService(
      createEntitlementStore(graph.bed.db.prisma),
      { now: () => new Date() },
      { notify: mailer("smtp://127.0.0.1:9"), onNotifyFailure: (error, what) => void failures.push({ what, error }) },
    );
    const request = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: {
        target: { email: "olle@fabrikam.example" },
        assignmentPolicyId: staged.id,
        accessPackageId: accessPackage.id,
      },
    });
    const [first] = await stageIds(admin, request.id);
    await unreachable.decideStage(
      { actor: { type: "guest", guestId: sponsor }, tenantId: TENANT },
      { requestId: request.id, stageId: first!, reviewResult: "Approve", justification: "" },
    );
    const stages = await admin.api(`${EM}/accessPackageAssignmentApprovals/${request.id}/stages`).get();
    expect(stages.value.map((s: { status: string }) => s.status)).toEqual(["Completed", "InProgress"]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.what).toBe("approvalRequested");
    expect((failures[0]!.error as AggregateError).errors.map((e: Error) => e.name)).toEqual([
      "MailDeliveryError",
      "MailDeliveryError",
    ]);
  });
});
