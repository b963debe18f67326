import type { Tenant } from "../tenant";
import { loadJourney, type LoadedJourney } from "./engine/lifecycle";
import { stepToShow } from "./engine/step-path";
import type { JourneyRecord } from "./engine/types";
import type { JourneyDeps } from "./engine/types";
import { proofOfWorkStepOf } from "./signup/proof-of-work";
import { offeredProviders } from "./signup/steps/choose-provider";
import type { UserFlow } from "./user-flows/types";

/**
 * What pages read about journeys: the journey page renders what `view` returns, never the deps.
 * Changes go through the journey endpoints (createJourneyEndpoints).
 */
export function createJourneyService(deps: JourneyDeps) {
  return {
    /** The journey for this browser (binding nonce from its cookie) and the flow it runs. */
    async view(tenant: Tenant, id: string, binding: string | undefined): Promise<{ loaded: LoadedJourney; flow?: UserFlow }> {
      const loaded = await loadJourney(deps, tenant.slug, id, binding);
      if (loaded.kind !== "journey" && loaded.kind !== "expired") return { loaded };
      return { loaded, flow: await deps.flowFor(tenant.slug, loaded.journey.clientId) };
    },
    /** The flow's providers that can be offered now, in the flow's order. */
    offeredProviders: (tenant: Tenant, flow: UserFlow) =>
      offeredProviders(flow.identityProviders, deps.availableProviders(tenant)),
    /** Which state the page at /{tenant}/journey/{id}/{segment} shows, or where it redirects (engine/step-path.ts). */
    stepToShow: (journey: JourneyRecord, segment: string) =>
      stepToShow(journey.state, segment, (state) => deps.kinds.get(journey.kind)?.machine.isState(state) ?? false),
    passcodeMinutes: () => deps.passcodes.policy.validForMinutes,
    /**
     * A fresh proof-of-work challenge (the widget's JSON) when the page shown for this journey asks
     * for one (signup/proof-of-work.ts); otherwise undefined, and the page stays script-free.
     */
    async proofOfWorkChallenge(tenant: Tenant, journey: Pick<JourneyRecord, "id" | "kind" | "state" | "internal">) {
      const step = proofOfWorkStepOf(tenant, journey);
      if (!step || !deps.proofOfWork) return undefined;
      return deps.proofOfWork.challenge(tenant, journey.id, step);
    },
    flowFor: (tenantId: string, clientId: string) => deps.flowFor(tenantId, clientId),
  };
}

export type JourneyService = ReturnType<typeof createJourneyService>;
