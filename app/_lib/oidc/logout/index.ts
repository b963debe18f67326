import { isSameOriginPost } from "../../http";
import { GUID } from "../crypto";
import type { ProviderContext } from "../context";
import { OAuthError, pageError } from "../errors";
import type { ApplicationRecord } from "../ports";
import { clearSessionCookie, readSession } from "../session/op-session";
import { verifyIdTokenHint } from "../tokens/verify";
import { serializeCookie } from "../web/cookies";
import { parseParameters } from "../web/params";
import { isFormRequest, rawQuery, readFormBody } from "../web/read-request";
import { methodNotAllowed, notFound, redirect, withQuery } from "../web/responses";

const PARAMETERS = [
  "id_token_hint",
  "logout_hint",
  "client_id",
  "post_logout_redirect_uri",
  "state",
  "ui_locales",
  "confirm",
] as const;

/**
 * RP-Initiated Logout 1.0. The post-logout redirect URI must be registered for the client named by
 * client_id or id_token_hint (§2, §3) and match exactly; otherwise the person sees our page. The
 * session ends at once when id_token_hint names this very session; otherwise the person confirms
 * on our page first (§2: "the OP SHOULD ask the End-User"), which protects against logout CSRF.
 */
export function createLogoutEndpoint(p: ProviderContext) {
  return async function logout(request: Request, tenant: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method !== "GET" && request.method !== "POST") return methodNotAllowed("GET, POST");
    const urls = p.urls(tenant);
    const status = request.method === "POST" ? 303 : 302;
    const fail = (description: string) =>
      redirect(urls.errorPage(pageError("invalid_logout_request", "invalid_request", description).page!), status);
    try {
      if (request.method === "POST" && !isFormRequest(request)) return fail("the body must be a form");
      const input = request.method === "POST" ? await readFormBody(request, 32 * 1024) : rawQuery(request);
      const params = parseParameters(input, { known: PARAMETERS, maxLength: { id_token_hint: 8192, state: 4096 } });
      if (params.problems[0]) return fail(params.problems[0].problem);

      const hintToken = params.get("id_token_hint");
      const hint = hintToken ? await verifyIdTokenHint(p.keys, tenant, hintToken, urls.issuer) : undefined;
      if (hintToken && !hint) return fail("id_token_hint is not valid");

      let client: ApplicationRecord | null = null;
      const clientId = params.get("client_id") ?? (hint?.aud.length === 1 ? hint.aud[0] : undefined);
      if (clientId !== undefined) {
        client = GUID.test(clientId) ? await p.repositories.applications.findByClientId(clientId) : null;
        if (!client || client.tenantId !== tenant) return fail("unknown client_id");
        if (hint && !hint.aud.includes(client.clientId)) return fail("client_id is not the audience of id_token_hint");
      }
      const postLogout = params.get("post_logout_redirect_uri");
      // Exact string match (OIDC RP-Initiated Logout §3): RFC 8252 §7.3's loopback port exception
      // is for redirect URIs at the authorization endpoint, where a native app's port changes per
      // run; a logout target is registered once and any other port may be someone else's listener.
      if (postLogout !== undefined && (!client || !client.postLogoutRedirectUris.includes(postLogout))) {
        return fail("post_logout_redirect_uri is not registered for this client");
      }
      const state = params.get("state");

      const session = await readSession(p, request, tenant);
      const headers = new Headers();
      if (session) {
        const namedByHint =
          hint !== undefined && hint.sub === session.guestId && (hint.sid === undefined || hint.sid === session.sid);
        const confirmed =
          request.method === "POST" && params.get("confirm") === "yes" && isSameOriginPost(request.headers, p.baseUrl);
        if (!namedByHint && !confirmed) {
          const confirm = withQuery(urls.logoutConfirmPage, {
            client_id: client?.clientId,
            post_logout_redirect_uri: postLogout,
            state,
            ui_locales: params.get("ui_locales"),
          });
          return redirect(confirm, status);
        }
        await p.repositories.sessions.end(session.id, p.clock.now());
      }
      // Whether or not a session was found, the browser forgets any session cookie it has.
      headers.append("Set-Cookie", serializeCookie(clearSessionCookie(p, tenant)));
      const target = postLogout !== undefined ? withQuery(postLogout, { state }) : urls.signedOutPage;
      return redirect(target, status, headers);
    } catch (error) {
      if (!(error instanceof OAuthError)) p.reportError(error);
      return fail("the request could not be processed");
    }
  };
}
