import type { GraphRoute } from "../../context";
import { countUsers, getMe, getUser, listUsers } from "./read-routes";
import { approveSignUp, getSignUpRequest, refuseSignUp } from "./sign-up-requests";
import { createUser, deleteUser, revokeSignInSessions, updateUser } from "./write-routes";

/** Graph's `users` resource over the directory (contract §1). `users/$count` precedes `users/{id}`. */
export const USERS_ROUTES: readonly GraphRoute[] = [
  listUsers,
  countUsers,
  getUser,
  createUser,
  updateUser,
  deleteUser,
  revokeSignInSessions,
  getSignUpRequest,
  approveSignUp,
  refuseSignUp,
  getMe,
];
