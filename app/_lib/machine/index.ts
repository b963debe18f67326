// The machine helper: status machines as data, for journeys, invitations and access packages.
// A leaf module: it imports nothing.
export { defineMachine, ForbiddenTransition, isForbiddenTransition, type Machine, type MachineDefinition } from "./machine";
export { drawnTransitions, tableTransitions } from "./diagram";
