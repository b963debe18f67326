// The silent sign-in beside the same work on node-oidc-provider (servers/oidc-provider.ts, pinned as
// Guestgate's server is): each browser signs in once through the provider's interaction (not
// measured), then every authorization request of the phase is answered from its session and grant
// with a code, no page, and the code is exchanged with PKCE by a public client. The provider keeps
// everything in a Map and issues no refresh token here (SILENT_SCOPE), where Guestgate writes its
// codes, grants and refresh tokens to SQLite: the row says how much that durability costs.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { repoRoot, tsxCli } from "../e2e/support/paths";
import { HttpBrowser, pkcePair } from "../helpers/http-journey";
import { phase, type JourneyRow } from "./lib/journey-phase";
import { freePort, pinning, ready, start } from "./lib/proc";
import { PUBLIC_CLIENT_ID, REDIRECT_URI, SILENT_SCOPE } from "./lib/protocol";

export async function measurePeerSilentSignIn(
  log: (message: string) => void,
  options: { count: number; concurrency: number; browsers: number; cpuProfDir?: string },
): Promise<JourneyRow> {
  const pins = pinning();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = start(process.execPath, [tsxCli, path.join(repoRoot, "tests/bench/servers/oidc-provider.ts")], {
    cwd: repoRoot,
    cpu: pins.server,
    env: {
      ...process.env,
      ...(options.cpuProfDir
        ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${options.cpuProfDir}`.trim() }
        : {}),
      // The confidential client is the endpoints' scenarios'; the journeys use only the public one.
      BENCH_CONFIG: JSON.stringify({
        port,
        clientId: "bench-unused",
        secret: randomBytes(16).toString("hex"),
        redirectUri: REDIRECT_URI,
      }),
    },
  });
  try {
    const { pid } = await ready(server, "oidc-provider");
    log(`journeys: node-oidc-provider at ${origin} (pid ${pid}${pins.server ? `, core ${pins.server}` : ""})`);
    const responses = { count: 0 };
    /** A browser with its own answer count beside the phase's (two journeys run at a time). */
    const newBrowser = () => {
      const own = { count: 0 };
      const browser = new HttpBrowser({
        origin,
        mailDir: "",
        onResponse: () => {
          own.count++;
          responses.count++;
        },
      });
      return { browser, own };
    };

    const signIn = async ({ browser, own }: ReturnType<typeof newBrowser>, silent: boolean) => {
      const { verifier, challenge } = pkcePair();
      const before = own.count;
      const url = new URL("/auth", origin);
      url.search = new URLSearchParams({
        client_id: PUBLIC_CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope: SILENT_SCOPE,
        resource: `${origin}/api`,
        state: randomBytes(8).toString("base64url"),
        nonce: randomBytes(8).toString("base64url"),
        code_challenge: challenge,
        code_challenge_method: "S256",
      }).toString();
      const page = await browser.navigate(url);
      const code = page.url.href.startsWith(REDIRECT_URI) ? page.url.searchParams.get("code") : null;
      if (!code)
        throw new Error(`oidc-provider answered without a code: ${page.status} ${page.url.href}\n${page.html.slice(0, 500)}`);
      // Silent means one answer, the redirect with the code: no interaction on the way.
      if (silent && own.count - before !== 1) throw new Error("oidc-provider's silent sign-in went through an interaction");
      const response = await fetch(new URL("/token", origin), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_id: PUBLIC_CLIENT_ID,
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT_URI,
          code_verifier: verifier,
        }),
      });
      responses.count++;
      const body = (await response.json()) as { id_token?: string; access_token?: string };
      if (response.status !== 200 || !body.id_token || !body.access_token)
        throw new Error(`oidc-provider token: ${response.status} ${JSON.stringify(body)}`);
    };

    // Not measured: each browser's first request goes through the interaction and makes its session.
    const browsers = Array.from({ length: options.browsers }, newBrowser);
    try {
      for (const browser of browsers) await signIn(browser, false);
      for (const browser of browsers) await signIn(browser, true);
    } catch (error) {
      throw new Error(`${String(error)}\noidc-provider's output:\n${server.output().slice(-3000)}`);
    }

    const row = await phase("silent_sign_in", options.count, options.concurrency, pid, responses, (i) =>
      signIn(browsers[i % browsers.length]!, true),
    );
    return { ...row, server: "oidc-provider" };
  } finally {
    await server.stop();
  }
}
