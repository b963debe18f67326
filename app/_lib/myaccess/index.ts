// My Access, the guest-facing surface of access packages (/{tenant}/myaccess): its form handling.
export { answerField, myAccessAction, type MyAccessPorts } from "./actions";
export { doneOf, DONE, type Done } from "./done";
export {
  clearedFormStateCookie,
  FORM_COOKIE,
  formStateCookie,
  packagePagePath,
  readFormState,
  type FieldProblem,
  type FormState,
} from "./form-state";
export { createOutsiderSessions, OUTSIDER_COOKIE, type OutsiderSessions } from "./outsider-session";
