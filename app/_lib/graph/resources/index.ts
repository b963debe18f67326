import type { GraphRoute } from "../context";
import { API_CONNECTOR_ROUTES } from "./api-connectors";
import { CUSTOM_EXTENSION_ROUTES } from "./custom-extensions";
import { applicationRoutes } from "./applications";
import { appRoleAssignmentRoutes } from "./app-role-assignments";
import { auditLogRoutes } from "./audit-logs";
import { ENTITLEMENT_APPROVAL_ROUTES } from "./entitlement-approvals";
import { ENTITLEMENT_ASSIGNMENT_ROUTES } from "./entitlement-assignments";
import { ENTITLEMENT_CATALOG_ROUTES } from "./entitlement-catalogs";
import { ORGANIZATION_SPONSOR_ROUTES } from "./entitlement-organization-sponsors";
import { ENTITLEMENT_PACKAGE_ROUTES } from "./entitlement-packages";
import { ENTITLEMENT_POLICY_ROUTES } from "./entitlement-policies";
import { groupMemberRoutes } from "./group-members";
import { groupRoutes } from "./groups";
import { INVITATION_ROUTES } from "./invitations";
import { USER_FLOW_ATTRIBUTE_ROUTES } from "./user-flow-attributes";
import { USER_FLOW_ROUTES } from "./user-flows";
import { USERS_ROUTES } from "./users";
import { userSponsorRoutes } from "./user-sponsors";

/** Every route of the Graph-shaped API, resource by resource; the OpenAPI document is built from this list. */
export const GRAPH_ROUTES: readonly GraphRoute[] = [
  ...USERS_ROUTES,
  ...INVITATION_ROUTES,
  ...groupRoutes,
  ...groupMemberRoutes,
  ...userSponsorRoutes,
  ...appRoleAssignmentRoutes,
  ...applicationRoutes,
  ...USER_FLOW_ROUTES,
  ...USER_FLOW_ATTRIBUTE_ROUTES,
  ...API_CONNECTOR_ROUTES,
  ...CUSTOM_EXTENSION_ROUTES,
  ...auditLogRoutes,
  ...ENTITLEMENT_CATALOG_ROUTES,
  ...ENTITLEMENT_PACKAGE_ROUTES,
  ...ENTITLEMENT_POLICY_ROUTES,
  ...ORGANIZATION_SPONSOR_ROUTES,
  ...ENTITLEMENT_ASSIGNMENT_ROUTES,
  ...ENTITLEMENT_APPROVAL_ROUTES,
];
