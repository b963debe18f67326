import type { Tenant } from "../../tenant";
import type { UserFlow } from "./types";

export interface UserFlowAccess {
  /** Existing guests may sign in through this flow. */
  readonly signIn: boolean;
  /** New guests may sign up through this flow. */
  readonly signUp: boolean;
}

/**
 * What a flow lets people do. The tenant's `selfServiceSignUp.enabled` is the master switch, as
 * Entra's "enable guest self-service sign up via user flows" setting is: off, no flow creates
 * guests, whatever the flow says. A flow's `signUpAllowed: false` makes it sign-in only (existing
 * and invited guests), and a disabled flow serves nobody.
 */
export function userFlowAccess(flow: UserFlow, tenant: Pick<Tenant, "selfServiceSignUp">): UserFlowAccess {
  return {
    signIn: flow.enabled,
    signUp: flow.enabled && flow.signUpAllowed && tenant.selfServiceSignUp.enabled,
  };
}

/** The flow an application is assigned to, if any (the import guarantees there is at most one). */
export function userFlowForApplication(flows: readonly UserFlow[], clientId: string): UserFlow | undefined {
  return flows.find((flow) => flow.applications.includes(clientId));
}
