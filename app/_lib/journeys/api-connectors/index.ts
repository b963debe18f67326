// API connectors (Entra's workforce contract, graph-contracts §6.1): the call, its answers, the
// sign-up hooks that run them, and the verbs that manage them.
export * from "./types";
export { apiConnectorHooks, isLoopbackHost, targetAllowed, type ConnectorHookPorts } from "./hooks";
export {
  connectorRequest,
  parseConnectorAnswer,
  claimsToAttributes,
  attributesByClaim,
  claimNameOf,
  type ConnectorAnswer,
} from "./contract";
export { callConnector, type CallResult, type BearerSecret } from "./call";
export { openSecret, sealSecret, certificateInfo } from "./secrets";
export { runConnectorTest, sampleConnectorRequest, SAMPLE_PERSON, type TestCallOutcome } from "./test-call";
export {
  createApiConnectorService,
  mayManageApiConnectors,
  testAuditData,
  ApiConnectorError,
  type ApiConnectorService,
  type ApiConnectorView,
  type ApiConnectorInput,
  type ConnectorAuthentication,
  type ApiConnectorPorts,
} from "./service";
