import { describe, expect, it } from "vitest";
import { ACTIVITIES, KNOWN_TYPES, activityOf } from "./activities";
import { auditEventId, directoryAudit } from "./directory-audit";
import { auditWhere } from "./service";
import type { AuditRecord, AuditWhere } from "./store";

const record = (fields: Partial<AuditRecord>): AuditRecord => ({
  id: "4d1f0000-0000-4000-8000-000000000001",
  type: "guest.created",
  actorType: "guest",
  actorId: "6f2d0000-0000-4000-8000-000000000002",
  targetType: "guest",
  targetId: "6f2d0000-0000-4000-8000-000000000002",
  correlationId: "req-1",
  data: "{}",
  createdAt: new Date("2026-03-02T09:20:11.123Z"),
  ...fields,
});

/** Evaluates a where tree on one record, as the database would, so translations can be checked against the mapping. */
function matches(where: AuditWhere, row: AuditRecord): boolean {
  if ("all" in where) return where.all.every((clause) => matches(clause, row));
  if ("any" in where) return where.any.some((clause) => matches(clause, row));
  if ("not" in where) return !matches(where.not, row);
  if (where.column === "createdAt") return row.createdAt.getTime() === where.value.getTime();
  if (where.column === "data") return row.data.includes(where.contains);
  if ("startsWith" in where) return row.type.startsWith(where.startsWith);
  return where.in.includes(row[where.column] ?? "");
}

// Every type a service writes today (grep `type: "` across app/_lib and the branches of issue 8).
const WRITTEN = [
  "guest.created",
  "guest.attributesUpdated",
  "guest.signedIn",
  "guest.blocked",
  "guest.unblocked",
  "guest.deleted",
  "guest.identityLinked",
  "guest.signInSessionsRevoked",
  "application.created",
  "application.registered",
  "application.updated",
  "application.deleted",
  "application.secretAdded",
  "application.secretRemoved",
  "signingKey.rotated",
  "userFlows.imported",
  "userFlow.created",
  "userFlow.updated",
  "userFlow.deleted",
  "userFlowAttribute.created",
  "userFlowAttribute.updated",
  "userFlowAttribute.deleted",
  "group.created",
  "group.updated",
  "group.deleted",
  "group.membersAdded",
  "group.memberRemoved",
  "group.ownerAdded",
  "group.ownerRemoved",
  "guest.sponsorAdded",
  "guest.sponsorRemoved",
  "guest.managerSet",
  "guest.managerRemoved",
  "group.appRoleAssignmentAdded",
  "group.appRoleAssignmentRemoved",
  "appRoleAssignment.created",
  "appRoleAssignment.deleted",
  "tenant.renamed",
];

describe("directoryAudit mapping (contract §8)", () => {
  it.each(WRITTEN)("%s has its own row, not the fallback", (type) => {
    expect(ACTIVITIES[type]).toBeDefined();
    expect(activityOf(type).displayName).not.toBe(type);
    expect(activityOf(type).category).not.toBe("Other");
  });

  it("names Entra's activities for the common writes", () => {
    expect(activityOf("guest.created")).toMatchObject({
      displayName: "Add user",
      category: "UserManagement",
      operationType: "Add",
    });
    expect(activityOf("group.membersAdded")).toMatchObject({ displayName: "Add member to group", category: "GroupManagement" });
    expect(activityOf("appRoleAssignment.created")).toMatchObject({
      displayName: "Add app role assignment to user",
      operationType: "Assign",
    });
    expect(activityOf("application.secretAdded").displayName).toBe("Add service principal credentials");
    expect(activityOf("userFlows.imported")).toMatchObject({ displayName: "Update user flow", category: "Policy" });
  });

  it("renders an unknown type through its prefix, or as Other, with the type as its activity", () => {
    expect(activityOf("group.labelAdded")).toMatchObject({
      displayName: "group.labelAdded",
      category: "GroupManagement",
      operationType: "Add",
    });
    expect(activityOf("widget.removed")).toMatchObject({
      displayName: "widget.removed",
      category: "Other",
      operationType: "Delete",
    });
    const audit = directoryAudit(
      record({ type: "widget.frobbed", targetType: "widget", targetId: "w1", actorType: "system", actorId: "cli" }),
    );
    expect(audit).toMatchObject({
      activityDisplayName: "widget.frobbed",
      operationType: "Update",
      loggedByService: "Core Directory",
    });
    expect(audit.targetResources).toEqual([
      { id: "w1", displayName: null, type: "Other", userPrincipalName: null, modifiedProperties: [] },
    ]);
  });

  it("shapes a self-service sign-up with its user actor, target, changed names and details", () => {
    const audit = directoryAudit(
      record({ data: JSON.stringify({ createdVia: "selfServiceSignUp", userFlowName: "B2X_1_Partners", attributes: ["city"] }) }),
    );
    expect(audit).toEqual({
      id: "GG_4d1f0000-0000-4000-8000-000000000001",
      category: "UserManagement",
      correlationId: "req-1",
      result: "success",
      resultReason: "",
      activityDisplayName: "Add user",
      activityDateTime: "2026-03-02T09:20:11.123Z",
      loggedByService: "Self-service Sign-up",
      operationType: "Add",
      initiatedBy: {
        user: { id: "6f2d0000-0000-4000-8000-000000000002", displayName: null, userPrincipalName: null, ipAddress: null },
        app: null,
      },
      targetResources: [
        {
          id: "6f2d0000-0000-4000-8000-000000000002",
          displayName: null,
          type: "User",
          userPrincipalName: null,
          modifiedProperties: [{ displayName: "city", oldValue: null, newValue: "" }],
        },
      ],
      additionalDetails: [
        { key: "createdVia", value: "selfServiceSignUp" },
        { key: "userFlowName", value: "B2X_1_Partners" },
      ],
    });
  });

  it("logs an invitation's guest under Invited Users and a state change with both sides", () => {
    expect(directoryAudit(record({ data: '{"createdVia":"invitation"}' })).loggedByService).toBe("Invited Users");
    const blocked = directoryAudit(record({ type: "guest.blocked", data: '{"previousState":"active","sessionsEnded":2}' }));
    expect(blocked.targetResources[0]!.modifiedProperties).toEqual([
      { displayName: "state", oldValue: '"active"', newValue: null },
    ]);
    expect(blocked.additionalDetails).toEqual([{ key: "sessionsEnded", value: "2" }]);
  });

  it("gives applications and the system an app initiator", () => {
    expect(directoryAudit(record({ actorType: "application", actorId: "c1" })).initiatedBy).toEqual({
      user: null,
      app: { appId: "c1", displayName: null, servicePrincipalId: null, servicePrincipalName: null },
    });
    expect(directoryAudit(record({ actorType: "system", actorId: "cli" })).initiatedBy.app?.displayName).toBe("Guestgate cli");
  });

  it("accepts both id forms", () => {
    expect(auditEventId("GG_abc")).toBe("abc");
    expect(auditEventId("abc")).toBe("abc");
  });
});

describe("filters over derived values become sets of types", () => {
  const samples = [...KNOWN_TYPES, "group.labelAdded", "widget.frobbed"].flatMap((type) => [
    record({ type }),
    record({ type, data: '{"createdVia":"selfServiceSignUp"}' }),
  ]);

  it.each([
    ["category", "UserManagement"],
    ["category", "GroupManagement"],
    ["category", "Policy"],
    ["category", "Other"],
    ["loggedByService", "Self-service Sign-up"],
    ["loggedByService", "Invited Users"],
    ["loggedByService", "Core Directory"],
    ["activityDisplayName", "Add user"],
    ["activityDisplayName", "group.labelAdded"],
  ] as const)("%s eq '%s' selects exactly the events that map to it", (property, value) => {
    const where = auditWhere({ property, op: "eq", value });
    for (const row of samples) {
      const audit = directoryAudit(row);
      expect(matches(where, row), `${row.type} ${row.data}`).toBe(audit[property] === value);
    }
  });

  it("startsWith on activityDisplayName is case-insensitive over names and covers unknown types", () => {
    const where = auditWhere({ property: "activityDisplayName", op: "startsWith", value: "add" });
    for (const row of samples)
      expect(matches(where, row), row.type).toBe(directoryAudit(row).activityDisplayName.toLowerCase().startsWith("add"));
  });
});
