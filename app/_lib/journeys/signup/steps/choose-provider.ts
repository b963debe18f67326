import type { Step } from "../../engine/step";
import { field } from "../../engine/step";

/** The person picked how to prove who they are: one of the flow's providers that is available now. */
export const chooseProvider: Step = async ({ tenant, flow, input, deps }) => {
  const providerId = field(input, "provider");
  const offered = offeredProviders(flow.identityProviders, deps.availableProviders(tenant));
  const provider = tenant.identityProviders.find((p) => p.id === providerId);
  if (!provider || !offered.includes(provider.id)) {
    return { stay: true, ui: { messages: [{ id: "journey.errors.chooseProvider" }] } };
  }
  if (provider.kind === "email-otp") return { event: { type: "emailChosen" }, internal: { federatingWith: provider.id } };
  return { event: { type: "upstreamChosen", providerId: provider.id }, internal: { federatingWith: provider.id } };
};

/** The flow's providers in the flow's order, less those not configured or without their secret. */
export function offeredProviders(flowProviders: readonly string[], available: readonly string[]): string[] {
  return flowProviders.filter((id) => available.includes(id));
}
