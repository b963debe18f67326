export { createFront, FRONT_MAX_BODY, type FrontDeps } from "./front";
export { publishFront, frontPublished, FRONT_KEY, type Front } from "./handoff";
export { JSON_ROUTES, matchJsonEndpoint, type JsonEndpointName } from "./routes";
