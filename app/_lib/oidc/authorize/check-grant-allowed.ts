import { OAuthError } from "../errors";
import type { RequestCheckContext } from "./context";

/** The client must be registered for the code flow (RFC 6749 §4.1.2.1 unauthorized_client); resume asks again. */
export function checkGrantAllowed(ctx: RequestCheckContext): void {
  if (!ctx.client!.grantTypes.includes("authorization_code")) {
    throw new OAuthError("unauthorized_client", "this client may not use the authorization code flow");
  }
}
