import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import type { PolicyRecord } from "../../../../_lib/access";
import en from "../../../../../messages/en.json";
import sv from "../../../../../messages/sv.json";
import { policySummary, type SummaryTranslate } from "./policy-summary";

const RITA = "0f6d2c1e-7b7a-4d53-9c39-5d8a7c2b1a01";
const REVIEWERS = "5a1b9f7e-2c44-4e0b-8d6f-3b2a1c0d9e02";
const FABRIKAM = "9c3e7a51-6f28-4b1d-a0c4-7e5d2b8f1a03";
const names = new Map([
  [RITA, "Rita Reviewer"],
  [REVIEWERS, "Reviewers"],
  [FABRIKAM, "Fabrikam"],
]);

const translator = (locale: "en" | "sv"): SummaryTranslate => {
  const t = createTranslator({ locale, messages: locale === "en" ? en : sv, namespace: "admin.access.summary" });
  return (key, values) => t(key as never, values as never);
};

/** A policy as the service stores it (every default filled in), with `changes` on top. */
function policy(scope: PolicyRecord["allowedTargetScope"], changes: Record<string, unknown> = {}) {
  return {
    allowedTargetScope: scope,
    settings: {
      specificAllowedTargets: [],
      automaticRequestSettings: null,
      expiration: { type: "notSpecified", endDateTime: null, duration: null },
      requestorSettings: {
        enableTargetsToSelfAddAccess: true,
        enableTargetsToSelfUpdateAccess: false,
        enableTargetsToSelfRemoveAccess: false,
      },
      requestApprovalSettings: { isApprovalRequiredForAdd: false, isRequestorJustificationRequired: false, stages: [] },
      questions: [],
      ...changes,
    },
  } as Pick<PolicyRecord, "allowedTargetScope" | "settings">;
}

const stage = (approver: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  durationBeforeAutomaticDenial: "P14D",
  isApproverJustificationRequired: false,
  primaryApprovers: [approver],
  fallbackPrimaryApprovers: [],
  ...extra,
});

const twoStages = policy("allExternalUsers", {
  requestApprovalSettings: {
    isApprovalRequiredForAdd: true,
    isRequestorJustificationRequired: true,
    stages: [
      stage({ "@odata.type": "#microsoft.graph.singleUser", userId: RITA }, { isApproverJustificationRequired: true }),
      stage(
        { "@odata.type": "#microsoft.graph.groupMembers", groupId: REVIEWERS },
        {
          durationBeforeAutomaticDenial: "P1W",
          fallbackPrimaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: RITA }],
        },
      ),
    ],
  },
  questions: [{ id: "q1" }, { id: "q2" }],
  expiration: { type: "afterDuration", endDateTime: null, duration: "P90D" },
  requestorSettings: {
    enableTargetsToSelfAddAccess: true,
    enableTargetsToSelfUpdateAccess: true,
    enableTargetsToSelfRemoveAccess: true,
  },
});

describe("the plain-language summary of an assignment policy", () => {
  it("says who may request, who approves in which order, what the requestor gives and when access ends, in English", () => {
    expect(policySummary(twoStages, names, translator("en"), "en")).toEqual([
      "Anyone from outside can request it, also people who are not guests yet.",
      "Requests need 2 approvals, one after the other.",
      "Stage 1: decided by Rita Reviewer within 14 days, or the request is denied.",
      "The approver must give a justification.",
      "Stage 2: decided by members of Reviewers within 1 week, or the request is denied.",
      "If none of them can be found, the decision falls to Rita Reviewer.",
      "The requestor must give a justification.",
      "The requestor answers 2 questions.",
      "Access ends 90 days after it is granted.",
      "People can extend and remove their own access.",
    ]);
  });

  it("says the same in Swedish", () => {
    expect(policySummary(twoStages, names, translator("sv"), "sv")).toEqual([
      "Vem som helst utifrån kan begära det, även den som inte är gäst än.",
      "Begäranden behöver 2 godkännanden, ett i taget.",
      "Steg 1: Rita Reviewer beslutar inom 14 dygn, annars avslås begäran.",
      "Godkännaren måste ange en motivering.",
      "Steg 2: medlemmarna i Reviewers beslutar inom 1 vecka, annars avslås begäran.",
      "Om ingen av dem finns beslutar Rita Reviewer.",
      "Den som begär åtkomst måste ange en motivering.",
      "Den som begär åtkomst svarar på 2 frågor.",
      "Åtkomsten upphör 90 dygn efter att den beviljats.",
      "Man kan själv förlänga och ta bort sin åtkomst.",
    ]);
  });

  it("names the connected organisations a policy is for, and an organisation it cannot name by its id", () => {
    const unknown = "11111111-2222-4333-8444-555555555555";
    const scoped = policy("specificConnectedOrganizationUsers", {
      specificAllowedTargets: [
        { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: FABRIKAM },
        { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: unknown },
      ],
      expiration: { type: "afterDateTime", endDateTime: "2027-06-30T00:00:00Z", duration: null },
    });
    expect(policySummary(scoped, names, translator("en"), "en")).toEqual([
      `People from these connected organizations can request it: Fabrikam and ${unknown}.`,
      "Requests are granted without approval.",
      "Access ends on June 30, 2027.",
    ]);
  });

  it("names a stage's approvers as alternatives: any one of them decides", () => {
    const either = policy("allDirectoryUsers", {
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        isRequestorJustificationRequired: false,
        stages: [
          stage(
            { "@odata.type": "#microsoft.graph.singleUser", userId: RITA },
            {
              primaryApprovers: [
                { "@odata.type": "#microsoft.graph.singleUser", userId: RITA },
                { "@odata.type": "#microsoft.graph.groupMembers", groupId: REVIEWERS },
              ],
            },
          ),
        ],
      },
    });
    expect(policySummary(either, names, translator("en"), "en")[2]).toBe(
      "Stage 1: decided by Rita Reviewer or members of Reviewers within 14 days, or the request is denied.",
    );
    expect(policySummary(either, names, translator("sv"), "sv")[2]).toBe(
      "Steg 1: Rita Reviewer eller medlemmarna i Reviewers beslutar inom 14 dygn, annars avslås begäran.",
    );
  });

  it("says only administrators assign a package whose policy lets nobody request it", () => {
    const closed = policy("allMemberUsers", {
      requestorSettings: {
        enableTargetsToSelfAddAccess: false,
        enableTargetsToSelfUpdateAccess: false,
        enableTargetsToSelfRemoveAccess: true,
      },
    });
    expect(policySummary(closed, names, translator("en"), "en")).toEqual([
      "Nobody can request this access package themselves: only administrators assign it.",
      "Requests are granted without approval.",
      "Access does not expire.",
      "People can remove their own access.",
    ]);
    expect(policySummary(policy("notSpecified"), names, translator("en"), "en")[0]).toBe(
      "Nobody can request this access package themselves: only administrators assign it.",
    );
  });
  it("names the requestor's manager and sponsors, a chosen schedule and the approval of extensions", () => {
    const relatives = policy("allExternalUsers", {
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        isApprovalRequiredForUpdate: true,
        isRequestorJustificationRequired: false,
        stages: [
          stage(
            { "@odata.type": "#microsoft.graph.requestorManager", managerLevel: "1" },
            {
              primaryApprovers: [
                { "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 1 },
                { "@odata.type": "#microsoft.graph.targetUserSponsors" },
              ],
              fallbackPrimaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: RITA }],
            },
          ),
        ],
      },
      expiration: { type: "afterDuration", endDateTime: null, duration: "P90D" },
      requestorSettings: {
        enableTargetsToSelfAddAccess: true,
        enableTargetsToSelfUpdateAccess: true,
        enableTargetsToSelfRemoveAccess: false,
        allowCustomAssignmentSchedule: true,
      },
    });
    expect(policySummary(relatives, names, translator("en"), "en").slice(2)).toEqual([
      "Stage 1: decided by the requestor’s manager or the requestor’s sponsors within 14 days, or the request is denied.",
      "If none of them can be found, the decision falls to Rita Reviewer.",
      "Access ends 90 days after it is granted.",
      "People choose when their access starts and ends, within that.",
      "People can extend their own access.",
      "An extension goes through the same approval.",
    ]);
    expect(policySummary(relatives, names, translator("sv"), "sv").slice(-3)).toEqual([
      "Inom den ramen väljer man själv när åtkomsten börjar och slutar.",
      "Man kan själv förlänga sin åtkomst.",
      "En förlängning går igenom samma godkännande.",
    ]);
  });
});
