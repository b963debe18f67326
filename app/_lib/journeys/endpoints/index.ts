export { createJourneyEndpoints, type JourneyEndpoints } from "./endpoints";
export type { JourneyEndpointServices, WaitingInteraction } from "./ports";
