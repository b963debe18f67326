// Custom authentication extensions (Entra's external-tenant contract, graph-contracts §6.2–6.3):
// the event envelopes and answers, the journey hooks and the token-issuance claims that run them on
// the API connectors' HTTP machinery, and the verbs that register them and their listeners.
export * from "./types";
export { parseExtensionAnswer, envelope, signUpInfo, type ExtensionAnswer, type EnvelopeContext } from "./contract";
export { audienceOf, type ExtensionCallPorts } from "./call";
export { cachingListeners } from "./cached-store";
export { customExtensionHooks, customPasscodeDelivery, type ExtensionHookPorts } from "./hooks";
export { tokenIssuanceClaims, type TokenIssuancePorts, type TokenIssuanceUser, type TokenIssuanceResult } from "./token-issuance";
export {
  createCustomExtensionService,
  mayManageCustomExtensions,
  mayManageEventListeners,
  CustomExtensionError,
  type CustomExtensionService,
  type CustomExtensionInput,
  type EventListenerInput,
  type CustomExtensionPorts,
} from "./service";
