import { OAuthError } from "../../errors";
import type { ResumeContext } from "./context";

/** The journey's outcome: an error it chose for the client (the person cancelled: access_denied), or who signed in. */
export function checkInteractionResult(ctx: ResumeContext): void {
  const result = ctx.result!;
  if ("error" in result) throw new OAuthError(result.error, result.errorDescription);
  ctx.login = { ...result, authTime: new Date(result.authTime) };
}
