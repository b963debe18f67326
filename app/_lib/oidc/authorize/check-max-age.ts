import { OAuthError } from "../errors";
import type { AuthorizeContext } from "./context";

/** max_age: a non-negative number of seconds (OIDC Core §3.1.2.1). */
export function checkMaxAge(ctx: AuthorizeContext): void {
  const raw = ctx.params.get("max_age");
  if (raw === undefined) return;
  if (!/^\d{1,10}$/.test(raw)) throw new OAuthError("invalid_request", "max_age must be a non-negative integer");
  ctx.authorization.maxAge = Number(raw);
}
