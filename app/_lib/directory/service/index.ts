export { createDirectoryService, type DirectoryPorts } from "./create-service";
export { createCursorCodec, type CursorCodec, type CursorPosition } from "./cursor";
export { mayAct, type DirectoryAction } from "./permissions";
export {
  UniqueConflict,
  isUniqueConflict,
  type DirectoryStore,
  type DirectoryUnit,
  type DirectoryReads,
  type GuestRecord,
  type NewGuestRecord,
  type GuestListQuery,
  type RevokedAccess,
} from "./store";
