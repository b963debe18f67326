import { DISPLAY_VALUES } from "../constants";
import { OAuthError } from "../errors";
import type { AuthorizeContext } from "./context";

/**
 * Hints the journey may use (OIDC Core §3.1.2.1): display must be a defined value; login_hint,
 * ui_locales, acr_values and nonce are kept as given (their syntax was checked when read).
 */
export function checkHints(ctx: AuthorizeContext): void {
  const display = ctx.params.get("display");
  if (display !== undefined && !(DISPLAY_VALUES as readonly string[]).includes(display)) {
    throw new OAuthError("invalid_request", "unsupported display value");
  }
  const a = ctx.authorization;
  if (display !== undefined) a.display = display;
  const copy = { nonce: "nonce", loginHint: "login_hint", uiLocales: "ui_locales", acrValues: "acr_values" } as const;
  for (const [field, name] of Object.entries(copy)) {
    const value = ctx.params.get(name);
    if (value !== undefined) a[field as keyof typeof copy] = value;
  }
}
