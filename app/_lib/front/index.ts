export { createFront, FRONT_MAX_BODY, type FrontDeps } from "./front";
export { publishFront, frontPublished, FRONT_KEY, type Front } from "./handoff";
export {
  JSON_ROUTES,
  NAVIGATION_ROUTES,
  matchJsonEndpoint,
  matchNavigationEndpoint,
  type JsonEndpointName,
  type NavigationEndpointName,
} from "./routes";
