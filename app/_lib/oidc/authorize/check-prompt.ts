import { PROMPT_VALUES } from "../constants";
import { OAuthError } from "../errors";
import type { AuthorizeContext } from "./context";

/** OIDC Core §3.1.2.1: known values only, each once; `none` with any other value is an error. */
export function checkPrompt(ctx: AuthorizeContext): void {
  const raw = ctx.params.get("prompt");
  if (raw === undefined) return;
  const values = raw.split(" ").filter(Boolean);
  const unknown = values.find((v) => !(PROMPT_VALUES as readonly string[]).includes(v));
  if (unknown) throw new OAuthError("invalid_request", "unsupported prompt value");
  if (new Set(values).size !== values.length) throw new OAuthError("invalid_request", "prompt lists a value twice");
  if (values.includes("none") && values.length > 1)
    throw new OAuthError("invalid_request", "prompt=none cannot be combined with other values");
  ctx.authorization.prompt = values;
}
