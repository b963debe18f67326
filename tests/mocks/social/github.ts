// A local imitation of GitHub's OAuth 2.0 apps and REST API, for Auth.js's real GitHub provider
// (pointed here by GUESTGATE_TEST_GITHUB_ORIGIN): the authorization page at
// /login/oauth/authorize, the token endpoint /login/oauth/access_token, which — as GitHub does —
// answers errors with 200 and an `error` field, `GET /user` (the public profile, whose `email` is
// only the address the person chose to show) and `GET /user/emails` (scope `user:email`: every
// address, with `primary` and `verified`).
import { formOf, startOAuthServer, type OAuthServer, type SocialClient } from "./oauth-server";

export interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility: "public" | "private" | null;
}

export interface GitHubAccount {
  /** GitHub's numeric user id: the subject Guestgate keys the identity by. */
  id: number;
  login: string;
  name: string | null;
  /** The public e-mail on the profile (null when the person shows none). */
  publicEmail: string | null;
  emails: GitHubEmail[];
}

export type GitHubImitation = OAuthServer;

const TOKEN_ERRORS = {
  invalid_client: {
    error: "incorrect_client_credentials",
    error_description: "The client_id and/or client_secret passed are incorrect.",
  },
  invalid_grant: { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." },
  invalid_request: { error: "bad_verification_code", error_description: "The code_verifier is missing." },
} as const;

export function startGitHubImitation(options: { clients: SocialClient[]; accounts: GitHubAccount[] }): Promise<GitHubImitation> {
  const accountOf = (login: string) => options.accounts.find((account) => account.login === login);
  const scopes = (scope: string) => scope.split(/[\s,]+/).filter(Boolean);
  return startOAuthServer({
    brand: "GitHub",
    clients: options.clients,
    logins: options.accounts.map((account) => account.login),
    denial: {
      error: "access_denied",
      error_description: "The user has denied your application access.",
      error_uri: "https://docs.github.com/apps/troubleshooting-authorization-requests",
    },
    route(request, response, url, server) {
      if (url.pathname === "/login/oauth/authorize" && request.method === "GET") {
        server.authorize(response, url);
        return true;
      }
      if (url.pathname === "/login/oauth/access_token" && request.method === "POST") {
        const result = server.exchange(formOf(request), request.headers.authorization);
        if ("error" in result) server.json(response, 200, TOKEN_ERRORS[result.error]);
        else {
          const scope = scopes(result.grant.scope).join(",");
          server.json(response, 200, { access_token: server.issueToken(result.grant), token_type: "bearer", scope });
        }
        return true;
      }
      if ((url.pathname === "/user" || url.pathname === "/user/emails") && request.method === "GET") {
        // GitHub takes the token as `Bearer` or as its older `token` scheme.
        const grant = server.grantOf(request, ["Bearer", "token"]);
        const account = grant && accountOf(grant.login);
        if (!grant || !account) {
          server.json(response, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
          return true;
        }
        if (url.pathname === "/user") {
          server.json(response, 200, {
            login: account.login,
            id: account.id,
            node_id: `U_imitation${account.id}`,
            type: "User",
            name: account.name,
            email: account.publicEmail,
          });
        } else if (!scopes(grant.scope).some((scope) => scope === "user:email" || scope === "user")) {
          server.json(response, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
        } else {
          server.json(response, 200, account.emails);
        }
        return true;
      }
      return false;
    },
  });
}
