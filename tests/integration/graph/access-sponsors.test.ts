// Sponsors and managers as approvers, through the unmodified Graph JS client: an application sets
// a user's sponsors (`users/{id}/sponsors/$ref`) and manager (`users/{id}/manager/$ref`), each
// change audited with its actor and refused across tenants; a connected organisation's internal
// and external sponsors likewise; then a three-stage policy whose stages name the requestor's
// manager and the internal and external sponsors of the requestor's organisation asks exactly
// those people (for an address not yet in the directory too), by mail through real SMTP, and lets only them decide; managerLevel 2 is
// the manager's manager; a requestor with no manager or sponsor falls to the fallback approvers.
// SQLite and PostgreSQL.
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantFixture } from "../../../app/_lib/invitations/test-fixtures";
import { createAccessPackageMailer, createMailer, mailTranslator } from "../../../app/_lib/mail";
import { startSmtpCapture, type CapturedFile, type SmtpCapture } from "../../e2e/support/smtp-capture";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, obtainCode, OTHER_TENANT, REDIRECT, TENANT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const EM = "/identityGovernance/entitlementManagement";
const SCOPE = "openid https://graph.microsoft.com/EntitlementManagement.ReadWrite.All";
const ref = (id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/users/${id}` });
const user = (userId: string) => ({ "@odata.type": "#microsoft.graph.singleUser", userId });

async function refusal(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(GraphError);
  return outcome as GraphError;
}

describe.each(testDatabaseProviders())("sponsors and managers as approvers through the Graph client on %s", (provider) => {
  let graph: GraphBed;
  let smtp: SmtpCapture;
  let mailDir: string;
  let admin: Client;
  let spa: string;
  let accessPackage: { id: string };
  let fabrikam: { id: string };
  let people: Record<"nina" | "manon" | "max" | "ines" | "erik" | "fallback" | "loner", string>;
  const as: Record<string, Client> = {};
  const tenant = tenantFixture(TENANT);

  async function subjectsTo(address: string): Promise<string[]> {
    const subjects: string[] = [];
    for (const name of (await readdir(mailDir)).filter((n) => n.endsWith(".json")).sort()) {
      const captured = JSON.parse(await readFile(path.join(mailDir, name), "utf8")) as CapturedFile;
      if (captured.envelope.rcptTo.includes(address))
        subjects.push((await PostalMime.parse(Buffer.from(captured.raw, "base64"))).subject ?? "");
    }
    return subjects;
  }

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
  const stagesOf = async (client: Client, requestId: string) =>
    (await client.api(`${EM}/accessPackageAssignmentApprovals/${requestId}/stages`).get()).value as {
      id: string;
      status: string;
      assignedToMe: boolean;
    }[];
  const decide = (client: Client, requestId: string, stageId: string) =>
    client
      .api(`${EM}/accessPackageAssignmentApprovals/${requestId}/stages/${stageId}`)
      .patch({ reviewResult: "Approve", justification: "Known to me" });
  const policy = (displayName: string, stages: unknown[], allowedTargetScope = "allDirectoryUsers") =>
    admin.api(`${EM}/assignmentPolicies`).post({
      displayName,
      accessPackage: { id: accessPackage.id },
      allowedTargetScope,
      expiration: { type: "noExpiration" },
      requestApprovalSettings: { isApprovalRequiredForAdd: true, stages },
    });
  const stage = (primaryApprovers: unknown[]) => ({
    durationBeforeAutomaticDenial: "P7D",
    primaryApprovers,
    fallbackPrimaryApprovers: [user(people.fallback)],
  });
  const adminAdd = (targetId: string, assignmentPolicyId: string) =>
    admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId, assignmentPolicyId, accessPackageId: accessPackage.id },
    });

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), "guestgate-access-sponsors-"));
    smtp = await startSmtpCapture(mailDir);
    graph = await createGraphBed(provider, {
      entitlementPorts: {
        notify: createAccessPackageMailer({
          mailer: createMailer({
            smtpUrl: smtp.url,
            from: "Guestgate <noreply@guestgate.test>",
            outboxDir: path.join(mailDir, "unused-outbox"),
            production: false,
            log: { info() {}, warn() {} },
          }),
          translator: mailTranslator,
          baseUrl: BASE,
          tenants: { find: (slug) => (slug === TENANT ? tenant : undefined) },
        }),
      },
    });
    admin = graph.client(
      await graph.appToken(["EntitlementManagement.ReadWrite.All", "Group.ReadWrite.All", "User.ReadWrite.All"]),
    );
    spa = await graph.bed.publicClient({ permissions: ["EntitlementManagement.ReadWrite.All"] });
    people = {
      nina: await graph.bed.guest({ email: "nina@fabrikam.example", displayName: "Nina Requestor" }),
      manon: await graph.bed.guest({ email: "manon@woodgrove.example", displayName: "Manon Manager" }),
      max: await graph.bed.guest({ email: "max@woodgrove.example", displayName: "Max Director" }),
      ines: await graph.bed.guest({ email: "ines@woodgrove.example", displayName: "Ines Internal" }),
      erik: await graph.bed.guest({ email: "erik@fabrikam.example", displayName: "Erik External" }),
      fallback: await graph.bed.guest({ email: "fiona@woodgrove.example", displayName: "Fiona Fallback" }),
      loner: await graph.bed.guest({ email: "lone@tailspin.example", displayName: "Lone Requestor" }),
    };
    // Woodgrove's own people are members of the directory; Erik is a guest from the partner.
    for (const id of [people.manon, people.max, people.ines, people.fallback])
      await graph.bed.db.prisma.guest.update({ where: { id }, data: { userType: "Member" } });
    for (const id of Object.values(people)) as[id] = await delegated(id);

    const group = await admin
      .api("/groups")
      .post({ displayName: "Partners", mailEnabled: false, mailNickname: "partners", securityEnabled: true });
    const catalog = await admin.api(`${EM}/catalogs`).post({ displayName: "Partners", isExternallyVisible: true });
    await admin
      .api(`${EM}/resourceRequests`)
      .post({ requestType: "adminAdd", resource: { originId: group.id, originSystem: "AadGroup" }, catalog: { id: catalog.id } });
    accessPackage = await admin.api(`${EM}/accessPackages`).post({ displayName: "Partner portal", catalog: { id: catalog.id } });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
    await smtp?.stop();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it("keeps a user's sponsors and manager as Graph does, each change audited with its actor", async () => {
    const { nina, manon, max, ines, erik } = people;
    await admin.api(`/users/${nina}/sponsors/$ref`).post(ref(ines));
    await admin.api(`/users/${nina}/sponsors/$ref`).post({ "@odata.id": `directoryObjects/${erik}` });
    const sponsors = await admin.api(`/users/${nina}/sponsors`).get();
    expect(sponsors["@odata.context"]).toContain("$metadata#directoryObjects");
    expect(sponsors.value.map((s: { id: string }) => s.id).sort()).toEqual([ines, erik].sort());
    expect(sponsors.value.find((s: { id: string }) => s.id === erik)).toMatchObject({
      "@odata.type": "#microsoft.graph.user",
      displayName: "Erik External",
      userType: "Guest",
    });

    // A sponsor already there, oneself, an unknown user: 400, 400, 404.
    expect((await refusal(admin.api(`/users/${nina}/sponsors/$ref`).post(ref(ines)))).statusCode).toBe(400);
    expect((await refusal(admin.api(`/users/${nina}/sponsors/$ref`).post(ref(nina)))).statusCode).toBe(400);
    const unknown = "0f0f0f0f-0000-4000-8000-000000000000";
    expect((await refusal(admin.api(`/users/${nina}/sponsors/$ref`).post(ref(unknown)))).statusCode).toBe(404);

    // No manager yet: 404; then Manon, and Manon's manager Max.
    expect((await refusal(admin.api(`/users/${nina}/manager`).get())).statusCode).toBe(404);
    await admin.api(`/users/${nina}/manager/$ref`).put(ref(max));
    await admin.api(`/users/${nina}/manager/$ref`).put(ref(manon));
    await admin.api(`/users/${manon}/manager/$ref`).put(ref(max));
    expect(await admin.api(`/users/${nina}/manager`).get()).toMatchObject({ id: manon, displayName: "Manon Manager" });
    expect((await refusal(admin.api(`/users/${nina}/manager/$ref`).put(ref(nina)))).statusCode).toBe(400);

    // Removing: a sponsor who is not one is 404; the manager goes and comes back.
    const extra = people.fallback;
    await admin.api(`/users/${people.loner}/sponsors/$ref`).post(ref(extra));
    await admin.api(`/users/${people.loner}/sponsors/${extra}/$ref`).delete();
    expect((await admin.api(`/users/${people.loner}/sponsors`).get()).value).toEqual([]);
    expect((await refusal(admin.api(`/users/${people.loner}/sponsors/${extra}/$ref`).delete())).statusCode).toBe(404);
    await admin.api(`/users/${people.loner}/manager/$ref`).put(ref(manon));
    await admin.api(`/users/${people.loner}/manager/$ref`).delete();
    expect((await refusal(admin.api(`/users/${people.loner}/manager`).get())).statusCode).toBe(404);

    // A signed-in guest without a directory role reads and changes nobody's sponsors.
    expect((await refusal(as[erik]!.api(`/users/${nina}/sponsors/$ref`).post(ref(erik)))).statusCode).toBe(403);

    const events = await graph.bed.db.prisma.auditEvent.findMany({
      where: { tenantId: TENANT, type: { startsWith: "guest.sponsor" } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "guest.sponsorAdded",
      "guest.sponsorAdded",
      "guest.sponsorAdded",
      "guest.sponsorRemoved",
    ]);
    expect(events.every((e) => e.actorType === "application")).toBe(true);
    const managerEvents = await graph.bed.db.prisma.auditEvent.findMany({
      where: { tenantId: TENANT, type: { startsWith: "guest.manager" }, targetId: nina },
      orderBy: { createdAt: "asc" },
    });
    expect(managerEvents.map((e) => [e.type, JSON.parse(e.data)])).toEqual([
      ["guest.managerSet", { manager: max, previousManager: null }],
      ["guest.managerSet", { manager: manon, previousManager: max }],
    ]);
  });

  it("keeps every tenant's sponsors and managers to itself", async () => {
    const stranger = await graph.bed.db.prisma.guest.create({
      data: { tenantId: OTHER_TENANT, userType: "Member", createdVia: "seed", email: "stina@sparbanken.example" },
    });
    // Another tenant's user is not found, as a sponsor, as a manager, or as the user.
    expect((await refusal(admin.api(`/users/${people.loner}/sponsors/$ref`).post(ref(stranger.id)))).statusCode).toBe(404);
    expect((await refusal(admin.api(`/users/${people.loner}/manager/$ref`).put(ref(stranger.id)))).statusCode).toBe(404);
    const other = graph.client(await graph.appToken(["User.ReadWrite.All"], OTHER_TENANT), OTHER_TENANT);
    expect((await refusal(other.api(`/users/${people.nina}/sponsors`).get())).statusCode).toBe(404);
    expect((await refusal(other.api(`/users/${people.nina}/manager`).get())).statusCode).toBe(404);
    expect((await refusal(other.api(`/users/${stranger.id}/sponsors/$ref`).post(ref(people.ines)))).statusCode).toBe(404);
    expect((await refusal(other.api(`/users/${people.nina}/manager/$ref`).delete())).statusCode).toBe(404);
    expect(await graph.bed.db.prisma.userSponsor.count({ where: { tenantId: OTHER_TENANT } })).toBe(0);
  });

  it("keeps a connected organisation's internal and external sponsors, audited, and to its own tenant", async () => {
    const { max, ines, erik } = people;
    fabrikam = await admin.api(`${EM}/connectedOrganizations`).post({
      displayName: "Fabrikam",
      identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "fabrikam.example" }],
    });
    const at = (kind: string) => `${EM}/connectedOrganizations/${fabrikam.id}/${kind}`;
    await admin.api(`${at("internalSponsors")}/$ref`).post(ref(max));
    await admin.api(`${at("internalSponsors")}/$ref`).post({ "@odata.id": `directoryObjects/${ines}` });
    await admin.api(`${at("externalSponsors")}/$ref`).post(ref(erik));
    const ids = async (kind: string) => (await admin.api(at(kind)).get()).value.map((s: { id: string }) => s.id).sort();
    expect(await ids("internalSponsors")).toEqual([max, ines].sort());
    expect(await ids("externalSponsors")).toEqual([erik]);
    expect((await admin.api(at("externalSponsors")).get()).value[0]).toMatchObject({
      "@odata.type": "#microsoft.graph.user",
      displayName: "Erik External",
    });
    // Already there: 400; Ines goes again (only Max stays internal); not a sponsor: 404.
    expect((await refusal(admin.api(`${at("internalSponsors")}/$ref`).post(ref(max)))).statusCode).toBe(400);
    await admin.api(`${at("internalSponsors")}/${ines}/$ref`).delete();
    expect(await ids("internalSponsors")).toEqual([max]);
    expect((await refusal(admin.api(`${at("internalSponsors")}/${ines}/$ref`).delete())).statusCode).toBe(404);
    expect((await refusal(as[erik]!.api(`${at("internalSponsors")}/$ref`).post(ref(erik)))).statusCode).toBe(403);

    const events = await graph.bed.db.prisma.auditEvent.findMany({
      where: { tenantId: TENANT, type: { startsWith: "connectedOrganization.sponsor" } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.type, e.actorType, JSON.parse(e.data)])).toEqual([
      ["connectedOrganization.sponsorAdded", "application", { kind: "internal", sponsor: max }],
      ["connectedOrganization.sponsorAdded", "application", { kind: "internal", sponsor: ines }],
      ["connectedOrganization.sponsorAdded", "application", { kind: "external", sponsor: erik }],
      ["connectedOrganization.sponsorRemoved", "application", { kind: "internal", sponsor: ines }],
    ]);

    // Another tenant's user is not found as a sponsor; another tenant sees no such organisation.
    const stranger = await graph.bed.db.prisma.guest.create({
      data: { tenantId: OTHER_TENANT, userType: "Member", createdVia: "seed", email: "sten@sparbanken.example" },
    });
    expect((await refusal(admin.api(`${at("internalSponsors")}/$ref`).post(ref(stranger.id)))).statusCode).toBe(404);
    const other = graph.client(await graph.appToken(["EntitlementManagement.ReadWrite.All"], OTHER_TENANT), OTHER_TENANT);
    expect((await refusal(other.api(at("internalSponsors")).get())).statusCode).toBe(404);
    expect((await refusal(other.api(`${at("externalSponsors")}/$ref`).post(ref(erik)))).statusCode).toBe(404);
    expect((await refusal(other.api(`${at("externalSponsors")}/${erik}/$ref`).delete())).statusCode).toBe(404);
    expect(await graph.bed.db.prisma.connectedOrganizationSponsor.count({ where: { tenantId: OTHER_TENANT } })).toBe(0);
    expect(await ids("externalSponsors")).toEqual([erik]);
  });

  it("asks the requestor's manager, then their organisation's internal, then external sponsors, and lets only them decide", async () => {
    const { nina, manon, max, ines, erik, fallback } = people;
    const staged = await policy("Manager and sponsors", [
      stage([{ "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 1 }]),
      stage([{ "@odata.type": "#microsoft.graph.internalSponsors" }]),
      stage([{ "@odata.type": "#microsoft.graph.externalSponsors" }]),
    ]);
    const request = await adminAdd(nina, staged.id);
    expect(request.state).toBe("pendingApproval");

    // Fabrikam's internal sponsor is Max, not Ines (who sponsors Nina herself).
    const order: [string, string][] = [
      [manon, "manon@woodgrove.example"],
      [max, "max@woodgrove.example"],
      [erik, "erik@fabrikam.example"],
    ];
    for (const [index, [approver, address]] of order.entries()) {
      // The stage's approver is asked by mail and sees it assigned; nobody else may decide it.
      await expect.poll(() => subjectsTo(address)).toHaveLength(1);
      const stages = await stagesOf(as[approver]!, request.id);
      expect(stages[index]).toMatchObject({ status: "InProgress", assignedToMe: true });
      for (const other of [manon, max, ines, erik, fallback].filter((id) => id !== approver)) {
        const seen = await as[other]!.api(`${EM}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`).get();
        expect(seen.value.map((a: { id: string }) => a.id)).not.toContain(request.id);
        expect((await refusal(decide(as[other]!, request.id, stages[index]!.id))).statusCode).toBe(403);
      }
      await decide(as[approver]!, request.id, stages[index]!.id);
    }
    expect((await admin.api(`${EM}/assignmentRequests/${request.id}`).get()).state).toBe("delivered");
    // The fallback approver was never asked: every stage named someone.
    expect(await subjectsTo("fiona@woodgrove.example")).toEqual([]);
    expect(await subjectsTo("ines@woodgrove.example")).toEqual([]);
  });

  it("asks the organisation's internal sponsor for an address not yet in the directory", async () => {
    const { max, ines, erik } = people;
    const partners = await policy(
      "Fabrikam sponsors",
      [stage([{ "@odata.type": "#microsoft.graph.internalSponsors" }])],
      "allConfiguredConnectedOrganizationUsers",
    );
    const request = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "AdminAdd",
      accessPackageAssignment: {
        target: { email: "Newcomer@Fabrikam.example" },
        assignmentPolicyId: partners.id,
        accessPackageId: accessPackage.id,
      },
    });
    expect(request.state).toBe("pendingApproval");
    await expect.poll(() => subjectsTo("max@woodgrove.example")).toHaveLength(2);
    const [only] = await stagesOf(as[max]!, request.id);
    expect(only).toMatchObject({ status: "InProgress", assignedToMe: true });
    for (const other of [ines, erik, people.fallback])
      expect((await refusal(decide(as[other]!, request.id, only!.id))).statusCode).toBe(403);
    await decide(as[max]!, request.id, only!.id);
    await expect.poll(async () => (await admin.api(`${EM}/assignmentRequests/${request.id}`).get()).state).toBe("delivered");
  });

  it("asks the manager's manager at managerLevel 2, and the fallback approvers when the set names nobody", async () => {
    const { max, manon, fallback, loner } = people;
    await admin.api(`/users/${people.erik}/manager/$ref`).put(ref(manon));
    const upward = await policy("Second-line manager", [
      stage([{ "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 2 }]),
    ]);
    const request = await adminAdd(people.erik, upward.id);
    // Max was asked twice before, as Fabrikam's internal sponsor.
    await expect.poll(() => subjectsTo("max@woodgrove.example")).toHaveLength(3);
    const [first] = await stagesOf(as[max]!, request.id);
    expect(first!.assignedToMe).toBe(true);
    expect((await refusal(decide(as[manon]!, request.id, first!.id))).statusCode).toBe(403);
    await decide(as[max]!, request.id, first!.id);
    expect((await admin.api(`${EM}/assignmentRequests/${request.id}`).get()).state).toBe("delivered");

    // Lone has no manager and no sponsor: each set names nobody, so Fiona, the fallback, decides.
    const nobody = await policy("Nobody named", [
      stage([
        { "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 1 },
        { "@odata.type": "#microsoft.graph.internalSponsors" },
        { "@odata.type": "#microsoft.graph.externalSponsors" },
      ]),
    ]);
    const fallen = await adminAdd(loner, nobody.id);
    await expect.poll(() => subjectsTo("fiona@woodgrove.example")).toHaveLength(1);
    const [only] = await stagesOf(as[fallback]!, fallen.id);
    expect(only!.assignedToMe).toBe(true);
    await decide(as[fallback]!, fallen.id, only!.id);
    expect((await admin.api(`${EM}/assignmentRequests/${fallen.id}`).get()).state).toBe("delivered");
  });
});
