export {
  createGroupService,
  createAppRoleAssignmentService,
  DEFAULT_APP_ROLE_ID,
  MAX_BOUND_MEMBERS,
  type GroupService,
  type AppRoleAssignmentService,
  type Page,
} from "./service";
export { mayManageGroups, type GroupAction } from "./permissions";
export type * from "./store";
