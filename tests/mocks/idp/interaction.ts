// The test IdP's own login page (node-oidc-provider leaves interactions to the host). One form: any
// login name signs in (an account's `login` or `sub` selects that account, anything else becomes its
// own subject), the password is ignored, and "Cancel" answers the client with `access_denied`.
// Consent is implied (configuration.ts), so the person sees this page once and goes back.
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { TestIdpAccount } from "./configuration";

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(action: string, cancel: string, loginHint: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider — sign in</title></head>
<body><main>
<h1>Sign in to the test identity provider</h1>
<form method="post" action="${escape(action)}">
  <label for="login">Username</label> <input id="login" name="login" autocomplete="username" required value="${escape(loginHint)}">
  <label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password">
  <button type="submit">Sign in</button>
</form>
<p><a href="${escape(cancel)}">Cancel</a></p>
</main></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** Handles `{mount}/interaction/{uid}[/abort]`; returns false for any other path. */
export function interactionHandler(provider: Provider, mountPath: string, accounts: readonly TestIdpAccount[]) {
  const pattern = new RegExp(`^${mountPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/interaction/([\\w-]+)(/abort)?$`);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const match = pattern.exec((req.url ?? "").split("?")[0] ?? "");
    if (!match) return false;
    const [path, , abort] = match;
    if (abort) {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The person cancelled" },
        { mergeWithLastSubmission: false },
      );
    } else if (req.method === "POST") {
      const login = (await formBody(req)).get("login")?.trim() || "anonymous";
      const account = accounts.find((candidate) => (candidate.login ?? candidate.sub) === login || candidate.sub === login);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account?.sub ?? login } },
        { mergeWithLastSubmission: false },
      );
    } else {
      const { params } = await provider.interactionDetails(req, res);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(loginPage(path, `${path}/abort`, typeof params.login_hint === "string" ? params.login_hint : ""));
    }
    return true;
  };
}
