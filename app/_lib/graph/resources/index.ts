import type { GraphRoute } from "../context";
import { appRoleAssignmentRoutes } from "./app-role-assignments";
import { groupRoutes } from "./groups";

/** Every route of the Graph-shaped API, resource by resource; the OpenAPI document is built from this list. */
export const GRAPH_ROUTES: readonly GraphRoute[] = [...groupRoutes, ...appRoleAssignmentRoutes];
