import { z } from "zod";
import { isSignUpApprovalError, MAX_DECISION_MESSAGE, type SignUpRequest } from "../../../directory";
import type { GraphRequest, GraphRoute } from "../../context";
import { graphErrors } from "../../errors";
import { ACCESS } from "../../permissions";
import { entity } from "../../results";

/**
 * Guestgate's approval queue on Graph (docs/GRAPH.md, "Sign-up approvals"): Entra has none, so
 * the names carry the `guestgate` prefix. Pending guests are listed with
 * `GET /users?$filter=externalUserState eq 'PendingApproval'`; one guest's request is read, approved
 * or refused here, with the calling application or administrator as the audited actor.
 */
const decisionBody = z.strictObject({ message: z.string().max(MAX_DECISION_MESSAGE).optional() });

const requestEntity = z.strictObject({
  id: z.string(),
  state: z.enum(["pending", "approved", "refused"]),
  userFlowName: z.string(),
  appId: z.string(),
  requestedDateTime: z.string(),
  autoRefuseDateTime: z.string().nullable(),
  decidedDateTime: z.string().nullable(),
  message: z.string().nullable(),
});

function toGraph(request: SignUpRequest): z.infer<typeof requestEntity> {
  return {
    id: request.guestId,
    state: request.state,
    userFlowName: request.userFlowName,
    appId: request.clientId,
    requestedDateTime: request.requestedAt.toISOString(),
    autoRefuseDateTime: request.autoDenyAt?.toISOString() ?? null,
    decidedDateTime: request.decidedAt?.toISOString() ?? null,
    message: request.message,
  };
}

async function asGraph(id: string, work: () => Promise<SignUpRequest>): Promise<SignUpRequest> {
  try {
    return await work();
  } catch (error) {
    if (!isSignUpApprovalError(error)) throw error;
    if (error.code === "notFound") throw graphErrors.notFound(id);
    if (error.code === "forbidden") throw graphErrors.denied();
    if (error.code === "decided") throw graphErrors.badRequest("The sign-up request was already decided.");
    throw graphErrors.badRequest("message: plain text of at most 1000 characters.");
  }
}

const answer = (request: GraphRequest, decided: SignUpRequest) =>
  entity(request, `users('${decided.guestId}')/guestgateSignUpRequest`, toGraph(decided));

export const getSignUpRequest: GraphRoute = {
  method: "GET",
  path: "users/{id}/guestgateSignUpRequest",
  access: ACCESS.usersRead,
  summary: "Read a self-service guest's sign-up request (Guestgate's approval queue)",
  response: requestEntity,
  async handle(request) {
    const id = request.params.id ?? "";
    return answer(request, await asGraph(id, () => request.services.signUpApprovals.get(request.actor, request.tenant.slug, id)));
  },
};

export const approveSignUp: GraphRoute = {
  method: "POST",
  path: "users/{id}/guestgateSignUpRequest/approve",
  access: ACCESS.usersWrite,
  summary: "Approve a pending sign-up: the guest becomes active and is mailed (optional message)",
  body: decisionBody,
  response: requestEntity,
  async handle(request) {
    const id = request.params.id ?? "";
    const { message } = request.body as z.infer<typeof decisionBody>;
    const { signUpApprovals } = request.services;
    return answer(request, await asGraph(id, () => signUpApprovals.approve(request.actor, request.tenant.slug, id, { message })));
  },
};

export const refuseSignUp: GraphRoute = {
  method: "POST",
  path: "users/{id}/guestgateSignUpRequest/refuse",
  access: ACCESS.usersWrite,
  summary: "Refuse a pending sign-up: the guest is blocked and is mailed (optional message)",
  body: decisionBody,
  response: requestEntity,
  async handle(request) {
    const id = request.params.id ?? "";
    const { message } = request.body as z.infer<typeof decisionBody>;
    const { signUpApprovals } = request.services;
    return answer(request, await asGraph(id, () => signUpApprovals.refuse(request.actor, request.tenant.slug, id, { message })));
  },
};
