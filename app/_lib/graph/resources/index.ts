import type { GraphRoute } from "../context";
import { auditLogRoutes } from "./audit-logs";

/** Every route of the Graph-shaped API, resource by resource; the OpenAPI document is built from this list. */
export const GRAPH_ROUTES: readonly GraphRoute[] = [...auditLogRoutes];
