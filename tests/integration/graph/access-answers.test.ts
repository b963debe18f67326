// Questions, answers and the guest's own verbs through the unmodified Graph JS client (issue 11):
// a policy's text question with a pattern and its multiple-choice question are answered on
// userAdd and adminAdd (a required one left out, a pattern missed, a value among no choices, an
// answer to no question: each a 400 naming the question, nothing written), kept with the request
// in Graph's accessPackageAnswerString shape; then the target extends (userExtend) and removes
// (userRemove) their own assignment where the policy allows it, and not where it does not, nor
// another's — each audited — on SQLite and PostgreSQL.
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { obtainCode, REDIRECT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const EM = "/identityGovernance/entitlementManagement";
const SCOPE = "openid https://graph.microsoft.com/EntitlementManagement.ReadWrite.All";
const KVK = "0a0a0a0a-0000-4000-8000-00000000000a";
const ROLE = "0b0b0b0b-0000-4000-8000-00000000000b";

async function refusal(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(GraphError);
  return outcome as GraphError;
}

const answer = (questionId: string, value: string, type = "accessPackageTextInputQuestion") => ({
  "@odata.type": "#microsoft.graph.accessPackageAnswerString",
  value,
  answeredQuestion: { "@odata.type": `#microsoft.graph.${type}`, id: questionId },
});

describe.each(testDatabaseProviders())("access-package answers and self-service through the Graph client on %s", (provider) => {
  let graph: GraphBed;
  let admin: Client;
  let spa: string;
  let group: { id: string };
  let accessPackage: { id: string };
  let policy: { id: string };
  let fixed: { id: string };

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
  const audits = (type: string) => graph.bed.db.prisma.auditEvent.findMany({ where: { type } });

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    admin = graph.client(
      await graph.appToken(["EntitlementManagement.ReadWrite.All", "Group.ReadWrite.All", "User.Read.All", "AuditLog.Read.All"]),
    );
    spa = await graph.bed.publicClient({ permissions: ["EntitlementManagement.ReadWrite.All"] });
    group = await admin
      .api("/groups")
      .post({ displayName: "Contractors", mailEnabled: false, mailNickname: "contractors", securityEnabled: true });
    const catalog = await admin.api(`${EM}/catalogs`).post({ displayName: "Contractors", isExternallyVisible: true });
    await admin
      .api(`${EM}/resourceRequests`)
      .post({ requestType: "adminAdd", resource: { originId: group.id, originSystem: "AadGroup" }, catalog: { id: catalog.id } });
    accessPackage = await admin.api(`${EM}/accessPackages`).post({ displayName: "Contractor wiki", catalog: { id: catalog.id } });
    await admin.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
      role: {
        originId: `Member_${group.id}`,
        originSystem: "AadGroup",
        resource: { originId: group.id, originSystem: "AadGroup" },
      },
      scope: { originId: group.id, originSystem: "AadGroup", isRootScope: true },
    });
    const base = {
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      expiration: { type: "afterDuration", duration: "P30D" },
      questions: [
        {
          "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
          id: KVK,
          text: "KvK number",
          isRequired: true,
          sequence: 0,
          regexPattern: "^[0-9]{8}$",
          localizations: [{ languageCode: "nl", text: "KvK-nummer" }],
        },
        {
          "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion",
          id: ROLE,
          text: "Role",
          isRequired: true,
          sequence: 1,
          choices: [
            { actualValue: "dev", text: "Developer", localizations: [{ languageCode: "fr", text: "Développeur" }] },
            { actualValue: "ops", text: "Operations" },
          ],
        },
      ],
    };
    policy = await admin.api(`${EM}/assignmentPolicies`).post({
      ...base,
      displayName: "Self-service",
      requestorSettings: {
        enableTargetsToSelfAddAccess: true,
        enableTargetsToSelfUpdateAccess: true,
        enableTargetsToSelfRemoveAccess: true,
      },
    });
    fixed = await admin.api(`${EM}/assignmentPolicies`).post({
      ...base,
      displayName: "Assigned by administrators",
      requestorSettings: { enableTargetsToSelfAddAccess: false },
    });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("keeps the questions in Graph's shapes, with their ids, order and localizations", async () => {
    const read = await admin.api(`${EM}/assignmentPolicies/${policy.id}`).get();
    expect(read.questions).toEqual([
      expect.objectContaining({
        "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
        id: KVK,
        isRequired: true,
        regexPattern: "^[0-9]{8}$",
        localizations: [{ languageCode: "nl", text: "KvK-nummer" }],
      }),
      expect.objectContaining({
        "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion",
        id: ROLE,
        choices: [
          { actualValue: "dev", text: "Developer", localizations: [{ languageCode: "fr", text: "Développeur" }] },
          { actualValue: "ops", text: "Operations", localizations: [] },
        ],
      }),
    ]);
  });

  it("refuses answers that miss, break a pattern or name no choice, and keeps good ones with the request", async () => {
    const ana = await graph.bed.guest({ email: "ana@contractor.example", displayName: "Ana Contractor" });
    const asAna = await delegated(ana);
    const ask = (answers: unknown[]) =>
      asAna.api(`${EM}/assignmentRequests`).post({
        requestType: "userAdd",
        assignment: { accessPackageId: accessPackage.id, assignmentPolicyId: policy.id },
        answers,
      });
    const before = await graph.bed.db.prisma.accessPackageAssignmentRequest.count();
    const missing = await refusal(ask([answer(KVK, "12345678")]));
    expect([missing.statusCode, missing.message]).toEqual([400, "The question 'Role' is required and has no answer."]);
    expect((await refusal(ask([answer(KVK, "1234"), answer(ROLE, "dev")]))).message).toBe(
      "The answer to 'KvK number' does not match the question's pattern.",
    );
    expect((await refusal(ask([answer(KVK, "12345678"), answer(ROLE, "boss")]))).message).toBe(
      "The answer to 'Role' is not one of its choices.",
    );
    expect((await refusal(ask([answer(KVK, "12345678"), answer(ROLE, "dev"), answer(ROLE, "ops")]))).message).toMatch(
      /takes one choice/,
    );
    expect((await refusal(ask([answer(KVK, "12345678"), answer(ROLE, "dev"), answer(spa, "x")]))).message).toMatch(
      /is not a question of the policy/,
    );
    expect((await refusal(ask([{ value: "x", answeredQuestion: { id: KVK } }]))).statusCode).toBe(400);
    // adminAdd is checked the same way.
    const direct = await refusal(
      admin.api(`${EM}/assignmentRequests`).post({
        requestType: "adminAdd",
        assignment: { targetId: ana, accessPackageId: accessPackage.id, assignmentPolicyId: fixed.id },
        answers: [answer(ROLE, "ops")],
      }),
    );
    expect(direct.message).toBe("The question 'KvK number' is required and has no answer.");
    expect(await graph.bed.db.prisma.accessPackageAssignmentRequest.count()).toBe(before);

    const filed = await ask([answer(KVK, " 12345678 "), answer(ROLE, "dev", "accessPackageMultipleChoiceQuestion")]);
    expect(filed).toMatchObject({ requestType: "userAdd", state: "delivered" });
    const expected = [
      {
        "@odata.type": "#microsoft.graph.accessPackageAnswerString",
        value: "12345678",
        displayValue: "12345678",
        answeredQuestion: expect.objectContaining({ id: KVK, text: "KvK number" }),
      },
      {
        "@odata.type": "#microsoft.graph.accessPackageAnswerString",
        value: "dev",
        displayValue: "Developer",
        answeredQuestion: expect.objectContaining({ id: ROLE, text: "Role" }),
      },
    ];
    expect(filed.answers).toEqual(expected);
    expect((await admin.api(`${EM}/assignmentRequests/${filed.id}`).get()).answers).toEqual(expected);
  });

  it("lets the target extend and remove their own assignment where the policy allows, and no one else's", async () => {
    const bo = await graph.bed.guest({ email: "bo@contractor.example", displayName: "Bo Contractor" });
    const cy = await graph.bed.guest({ email: "cy@contractor.example", displayName: "Cy Contractor" });
    const [asBo, asCy] = [await delegated(bo), await delegated(cy)];
    const answers = [answer(KVK, "87654321"), answer(ROLE, "ops")];
    const filed = await asBo.api(`${EM}/assignmentRequests`).post({
      requestType: "userAdd",
      assignment: { accessPackageId: accessPackage.id, assignmentPolicyId: policy.id },
      answers,
    });
    const assignmentId = filed.assignment.id as string;
    const stored = await graph.bed.db.prisma.accessPackageAssignment.findUniqueOrThrow({ where: { id: assignmentId } });

    // Another guest can neither extend nor remove Bo's access; an application has no own access at all.
    const other = { requestType: "userRemove", assignment: { id: assignmentId } };
    expect((await refusal(asCy.api(`${EM}/assignmentRequests`).post(other))).statusCode).toBe(403);
    expect((await refusal(admin.api(`${EM}/assignmentRequests`).post(other))).message).toMatch(/delegated token/);

    await new Promise((resolve) => setTimeout(resolve, 20));
    const extended = await asBo
      .api(`${EM}/assignmentRequests`)
      .post({ requestType: "UserExtend", assignment: { id: assignmentId }, justification: "Another month" });
    expect(extended).toMatchObject({
      requestType: "userExtend",
      state: "delivered",
      justification: "Another month",
      assignment: { id: assignmentId },
      target: { objectId: bo },
    });
    const later = await graph.bed.db.prisma.accessPackageAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(later.expiresAt!.getTime()).toBeGreaterThan(stored.expiresAt!.getTime());
    expect((await audits("accessPackageAssignment.extended")).map((e) => e.targetId)).toEqual([bo]);

    const removed = await asBo
      .api(`${EM}/assignmentRequests`)
      .post({ requestType: "userRemove", assignment: { id: assignmentId } });
    expect(removed).toMatchObject({ requestType: "userRemove", state: "delivered", requestor: { id: bo } });
    expect((await admin.api(`${EM}/assignments/${assignmentId}`).get()).state).toBe("expired");
    const members = await admin.api(`/groups/${group.id}/members`).get();
    expect(members.value.map((m: { id: string }) => m.id)).not.toContain(bo);
    expect((await refusal(asBo.api(`${EM}/assignmentRequests`).post(other))).message).toMatch(/ended already/);
    expect((await audits("accessPackageAssignment.removed")).map((e) => e.targetId)).toContain(bo);

    // Under a policy that lets targets neither extend nor remove, both are refused.
    const given = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId: cy, accessPackageId: accessPackage.id, assignmentPolicyId: fixed.id },
      answers,
    });
    for (const requestType of ["userExtend", "userRemove"])
      expect(
        (await refusal(asCy.api(`${EM}/assignmentRequests`).post({ requestType, assignment: { id: given.assignment.id } })))
          .statusCode,
      ).toBe(403);
  });
});
