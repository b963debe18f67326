import { OAuthError } from "../errors";
import type { AuthorizeContext } from "./context";

/** Repeated, oversized or malformed parameters (RFC 6749 §3.1); state is echoed only when it was clean. */
export function checkParameters(ctx: AuthorizeContext): void {
  const state = ctx.params.get("state");
  if (state !== undefined) {
    ctx.state = state;
    ctx.authorization.state = state;
  }
  const problem = ctx.params.problems[0];
  if (problem) throw new OAuthError("invalid_request", problem.problem);
}
