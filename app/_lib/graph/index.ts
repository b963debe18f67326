// The Graph-shaped management API (docs/ARCHITECTURE.md, "Graph API"): Microsoft Graph's URLs,
// shapes and errors over the services of every module, for the clients Entra customers already run.
export { GraphError, graphErrors, isGraphError, graphErrorBody, type GraphErrorCode } from "./errors";
export type {
  GraphRoute,
  GraphRequest,
  GraphResult,
  GraphServices,
  GraphTenant,
  GraphQueryOptions,
  GraphAccess,
} from "./context";
export type { FilterExpression, FilterLiteral, OrderByItem } from "./odata/ast";
export { GRAPH_ROUTES } from "./resources";
export {
  createGraphApi,
  extensionsAppIdOf,
  asGraphError,
  GRAPH_VERSIONS,
  CORS as GRAPH_CORS_HEADERS,
  type GraphApi,
  type GraphApiDeps,
} from "./api";
export { parseFilter, filterProperties } from "./odata/filter";
export { parseQueryOptions, MAX_TOP } from "./odata/query";
export { collection, entity, noContent, project, nextLink } from "./results";
export { objectId, isGuid, referenceBody, referencedId } from "./references";
export { ACCESS } from "./permissions";
