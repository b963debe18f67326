export { createGroupService, MAX_BOUND_MEMBERS, type GroupService } from "./service";
export { createAppRoleAssignmentService, DEFAULT_APP_ROLE_ID, type AppRoleAssignmentService } from "./assignments";
export { CIRCULAR_MEMBERSHIP } from "./memberships";
export type { Page } from "./common";
export { mayManageGroups, type GroupAction } from "./permissions";
export type * from "./store";
export type * from "./relations-store";
export { MAX_SPONSORS } from "./sponsors";
