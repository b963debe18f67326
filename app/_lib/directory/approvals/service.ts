import type { Actor, SystemActor } from "../actor";
import {
  isSignUpApprovalError,
  SignUpApprovalError,
  type SignUpApprovalService,
  type SignUpNotifications,
  type SignUpRequest,
  type SignUpRequestStore,
} from "./types";

export interface SignUpApprovalPorts {
  store: SignUpRequestStore;
  clock: { now(): Date };
  notify: SignUpNotifications;
  /** A mail that could not be sent: the decision stands, the operator hears of it. */
  onNotifyFailure(error: unknown, request: SignUpRequest, what: "requested" | "decided"): void;
}

/** The message an approver may add for the person: plain text, what a short note needs. */
export const MAX_DECISION_MESSAGE = 1000;
const MAX_TOP = 200;
const LAPSED_BATCH = 100;

/** Who may decide: User and Global Administrators (Entra's guest managers), apps with User.ReadWrite.All, the system. */
function mayDecide(actor: Actor): boolean {
  if (actor.type === "system") return true;
  if (actor.type === "administrator") return actor.role === "globalAdministrator" || actor.role === "userAdministrator";
  if (actor.type === "application")
    return actor.permissions.includes("User.ReadWrite.All") || actor.permissions.includes("Directory.ReadWrite.All");
  return false;
}

/** Who may see the queue: the deciders, Directory Readers, and apps that read users. */
function mayRead(actor: Actor): boolean {
  if (mayDecide(actor)) return true;
  if (actor.type === "administrator") return actor.role === "directoryReader";
  if (actor.type === "application")
    return actor.permissions.includes("User.Read.All") || actor.permissions.includes("Directory.Read.All");
  return false;
}

/**
 * The sign-up approval queue (docs/ARCHITECTURE.md, "Sign-up approvals"). A flow with
 * `signUpApproval` creates its new guests `pendingApproval` with a request (directory.signUp); an
 * approver approves (the guest becomes active) or refuses (blocked), once: the decision is one
 * conditional write, so two approvers deciding at once cannot both win. Each decision is audited
 * with its real actor in the same transaction, and the person is mailed after it commits.
 */
export function createSignUpApprovalService(ports: SignUpApprovalPorts): SignUpApprovalService {
  const { store } = ports;

  async function notify(what: "requested" | "decided", request: SignUpRequest): Promise<void> {
    try {
      await ports.notify[what](request);
    } catch (error) {
      ports.onNotifyFailure(error, request, what);
    }
  }

  async function decide(
    actor: Actor,
    tenantId: string,
    guestId: string,
    state: "approved" | "refused",
    message: string | null,
    reason: "decided" | "lapsed",
  ): Promise<SignUpRequest> {
    const request = await store.find(tenantId, guestId);
    if (!request) throw new SignUpApprovalError("notFound");
    if (request.state !== "pending") throw new SignUpApprovalError("decided");
    const at = ports.clock.now();
    const by = actorKey(actor);
    await store.transaction(async (unit) => {
      if (!(await unit.decide(tenantId, guestId, { state, at, by, message }))) throw new SignUpApprovalError("decided");
      // Only a guest still waiting moves (checked in the write): one an administrator blocked meanwhile stays blocked.
      await unit.settleGuest(tenantId, guestId, state === "approved" ? "active" : "blocked");
      await unit.audit.append({
        tenantId,
        type: state === "approved" ? "guest.signUpApproved" : "guest.signUpRefused",
        actor,
        target: { type: "guest", id: guestId },
        data: { userFlowName: request.userFlowName, reason, withMessage: message !== null },
      });
    });
    const decided = (await store.find(tenantId, guestId)) ?? request;
    await notify("decided", decided);
    return decided;
  }

  return {
    async list(actor, tenantId, query = {}) {
      if (!mayRead(actor)) throw new SignUpApprovalError("forbidden");
      const top = query.top ?? 100;
      if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) throw new SignUpApprovalError("invalidTop");
      return store.list(tenantId, { state: query.state ?? "pending", take: top });
    },

    async get(actor, tenantId, guestId) {
      if (!mayRead(actor)) throw new SignUpApprovalError("forbidden");
      const request = await store.find(tenantId, guestId);
      if (!request) throw new SignUpApprovalError("notFound");
      return request;
    },

    async approve(actor, tenantId, guestId, input = {}) {
      if (!mayDecide(actor)) throw new SignUpApprovalError("forbidden");
      return decide(actor, tenantId, guestId, "approved", decisionMessage(input.message), "decided");
    },

    async refuse(actor, tenantId, guestId, input = {}) {
      if (!mayDecide(actor)) throw new SignUpApprovalError("forbidden");
      return decide(actor, tenantId, guestId, "refused", decisionMessage(input.message), "decided");
    },

    async refuseLapsed(actor: SystemActor, now) {
      let refused = 0;
      for (const request of await store.lapsed(now, LAPSED_BATCH)) {
        try {
          await decide(actor, request.tenantId, request.guestId, "refused", null, "lapsed");
          refused += 1;
        } catch (error) {
          // An approver decided between the read and the write: theirs stands.
          if (!(isSignUpApprovalError(error) && error.code === "decided")) throw error;
        }
      }
      return { refused };
    },

    async announce(tenantId, guestId) {
      const request = await store.find(tenantId, guestId);
      if (request?.state === "pending") await notify("requested", request);
    },
  };
}

/** Trimmed, at most MAX_DECISION_MESSAGE characters, no control characters but line breaks; empty is none. */
export function decisionMessage(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = raw.replace(/\r\n?/g, "\n").trim();
  if (text === "") return null;
  if (text.length > MAX_DECISION_MESSAGE || /[\u0000-\u0009\u000b-\u001f\u007f]/.test(text))
    throw new SignUpApprovalError("invalidMessage");
  return text;
}

function actorKey(actor: Actor): { type: string; id: string } {
  switch (actor.type) {
    case "administrator":
      return { type: "administrator", id: actor.id };
    case "application":
      return { type: "application", id: actor.clientId };
    case "system":
      return { type: "system", id: actor.name };
    case "guest":
      return { type: "guest", id: actor.guestId };
  }
}
