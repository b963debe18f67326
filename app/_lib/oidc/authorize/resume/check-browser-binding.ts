import { sha256 } from "../../crypto";
import { pageError } from "../../errors";
import { bindingCookieName } from "../../session/op-session";
import { readCookie } from "../../web/cookies";
import type { ResumeContext } from "./context";

/**
 * Only the browser that made the authorization request may resume it (its binding cookie, compared
 * by hash): a resume link that leaked or was phished gives nobody else a code.
 */
export function checkBrowserBinding(ctx: ResumeContext): void {
  const binding = readCookie(ctx.request, bindingCookieName(ctx.p));
  if (!binding || sha256(binding) !== ctx.interaction!.browserBindingHash) {
    throw pageError("interaction_other_browser", "invalid_request", "another browser started this sign-in");
  }
}
