// A local imitation of Facebook Login and the Graph API, for Auth.js's real Facebook provider
// (pointed here by GUESTGATE_TEST_FACEBOOK_ORIGIN): the login dialog at /v19.0/dialog/oauth, the
// token endpoint /oauth/access_token (GET with query parameters, as Facebook documents, or POST),
// and `GET /me?fields=…`, which answers only the fields asked for — `email` only with the `email`
// permission and when the account has one, and never with a verification flag.
import type { IncomingMessage } from "node:http";
import { formOf, startOAuthServer, type OAuthServer, type SocialClient } from "./oauth-server";

export interface FacebookAccount {
  /** The app-scoped user id (ASID), a string of digits: the subject Guestgate keys the identity by. */
  id: string;
  login: string;
  name: string;
  first_name?: string;
  last_name?: string;
  email?: string;
}

export type FacebookImitation = OAuthServer;

const graphError = (message: string, code: number) => ({
  error: { message, type: "OAuthException", code, fbtrace_id: "imitation" },
});
const TOKEN_ERRORS = {
  invalid_client: graphError("Error validating client secret.", 1),
  invalid_grant: graphError("This authorization code has been used or has expired.", 100),
  invalid_request: graphError("Missing code_verifier.", 100),
} as const;
const FIELDS = ["id", "name", "first_name", "last_name", "email"] as const;

export function startFacebookImitation(options: {
  clients: SocialClient[];
  accounts: FacebookAccount[];
}): Promise<FacebookImitation> {
  const accountOf = (login: string) => options.accounts.find((account) => account.login === login);
  const tokenForm = (request: IncomingMessage, url: URL) => (request.method === "POST" ? formOf(request) : url.searchParams);
  return startOAuthServer({
    brand: "Facebook",
    clients: options.clients,
    logins: options.accounts.map((account) => account.login),
    denial: {
      error: "access_denied",
      error_code: "200",
      error_description: "Permissions error",
      error_reason: "user_denied",
    },
    route(request, response, url, server) {
      if (url.pathname === "/v19.0/dialog/oauth" && request.method === "GET") {
        server.authorize(response, url);
        return true;
      }
      if (url.pathname === "/oauth/access_token" && (request.method === "GET" || request.method === "POST")) {
        const result = server.exchange(tokenForm(request, url), request.headers.authorization);
        if ("error" in result) server.json(response, 400, TOKEN_ERRORS[result.error]);
        else
          server.json(response, 200, {
            access_token: server.issueToken(result.grant),
            token_type: "bearer",
            expires_in: 5183944,
          });
        return true;
      }
      if (url.pathname === "/me" && request.method === "GET") {
        const grant = server.grantOf(request, ["Bearer", "OAuth"], url.searchParams.get("access_token"));
        const account = grant && accountOf(grant.login);
        if (!grant || !account) {
          server.json(response, 400, graphError("Invalid OAuth access token data.", 190));
          return true;
        }
        const asked = (url.searchParams.get("fields") ?? "id,name").split(",");
        const mayEmail = grant.scope.split(/[\s,]+/).includes("email");
        const answer: Record<string, string> = {};
        for (const field of FIELDS) {
          const value = account[field];
          if (!asked.includes(field) || value === undefined || (field === "email" && !mayEmail)) continue;
          answer[field] = value;
        }
        answer.id = account.id; // the Graph API always answers the id
        server.json(response, 200, answer);
        return true;
      }
      return false;
    },
  });
}
