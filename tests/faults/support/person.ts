// A person's browser without a browser: a cookie jar, redirects followed by hand, and the journey's
// plain HTML forms posted as a browser without JavaScript posts them. Each request goes to the
// instance the test picks (a load balancer's choice); absolute URLs of the public origin are
// rewritten to it, so a journey can start on one instance and go on on the other.
import { createHash, randomBytes } from "node:crypto";
import type { Instance } from "./bed";

export const DEMO_REDIRECT_URI = "http://127.0.0.1:3000/demo/callback";

/** A shipped demo tenant's public client (prisma/seed.ts) and what its demo flow asks for. */
export interface DemoTenant {
  slug: string;
  clientId: string;
  flowsFile: string;
  attributes: Record<string, string>;
}

export interface Page {
  url: string;
  status: number;
  html: string;
  /** The text of the first <h1>, tags stripped. */
  heading: string;
  lang: string | undefined;
}

/** What a form of the page posts: its action and its hidden inputs. */
function formOf(html: string, actionSuffix: string): { action: string; hidden: Record<string, string> } | undefined {
  for (const match of html.matchAll(/<form\b[^>]*\baction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const action = decode(match[1]!);
    if (!action.endsWith(actionSuffix)) continue;
    const hidden: Record<string, string> = {};
    for (const input of match[2]!.matchAll(/<input\b[^>]*>/g)) {
      if (!/type="hidden"/.test(input[0])) continue;
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
      if (name) hidden[decode(name)] = decode(value);
    }
    return { action, hidden };
  }
  return undefined;
}

const decode = (text: string) =>
  text
    .replaceAll("&amp;", "&")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">");

const textOf = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ""))
    .replace(/\s+/g, " ")
    .trim();

export class Person {
  private readonly cookies = new Map<string, string>();
  readonly verifier = randomBytes(32).toString("base64url");
  /** Where the journey ended: the redirect to the application, with its code. */
  callback: URL | undefined;
  page: Page | undefined;
  /** The journey page last shown: where the back button (or a reload) takes the person after an error. */
  journeyUrl: string | undefined;

  constructor(
    readonly tenant: DemoTenant,
    readonly locale: string,
    readonly email: string,
    private readonly publicUrl: string,
    /** Which instance serves the next request (default: the first). */
    public via: () => Instance,
  ) {}

  private target(url: string): string {
    const absolute = new URL(url, this.publicUrl);
    if (absolute.origin !== new URL(this.publicUrl).origin) return absolute.toString();
    return new URL(absolute.pathname + absolute.search, this.via().origin).toString();
  }

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(this.target(url), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join("; ") },
      signal: AbortSignal.timeout(60_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return response;
  }

  /** Follows redirects from a response until a page (or the application's callback) is reached. */
  private async follow(response: Response, url: string): Promise<Page> {
    let current = url;
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      const location = new URL(response.headers.get("location")!, new URL(current, this.publicUrl));
      await response.body?.cancel();
      if (location.toString().startsWith(DEMO_REDIRECT_URI)) {
        this.callback = location;
        this.page = { url: location.toString(), status: response.status, html: "", heading: "", lang: undefined };
        return this.page;
      }
      current = location.toString();
      response = await this.request(current);
    }
    const html = await response.text();
    const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
    this.page = {
      url: new URL(current, this.publicUrl).toString(),
      status: response.status,
      html,
      heading: h1 ? textOf(h1) : "",
      lang: /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1],
    };
    if (/^\/[\w-]+\/journey\/[\w-]+$/.test(new URL(this.page.url).pathname)) this.journeyUrl = this.page.url;
    return this.page;
  }

  async open(url: string): Promise<Page> {
    return this.follow(await this.request(url), url);
  }

  /** The first authorization request of the tenant's public demo client (code flow, PKCE S256), as the demo app sends it. */
  authorizeUrl(): string {
    const query = new URLSearchParams({
      client_id: this.tenant.clientId,
      redirect_uri: DEMO_REDIRECT_URI,
      response_type: "code",
      scope: "openid profile email",
      state: randomBytes(8).toString("base64url"),
      nonce: randomBytes(8).toString("base64url"),
      code_challenge: createHash("sha256").update(this.verifier).digest("base64url"),
      code_challenge_method: "S256",
      ui_locales: this.locale,
    });
    return `${this.publicUrl}/${this.tenant.slug}/oauth2/v2.0/authorize?${query}`;
  }

  /** Posts the page's journey form (its hidden fields plus `fields`), as the browser does, and follows on. */
  async submit(fields: Record<string, string>): Promise<Page> {
    const form = this.page && formOf(this.page.html, "/submit");
    if (!form) throw new Error(`no journey form on ${this.page?.url} (${this.page?.status}): ${this.page?.heading}`);
    const body = new URLSearchParams({ ...form.hidden, ...fields }).toString();
    const response = await this.request(form.action, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: this.publicUrl },
    });
    return this.follow(response, form.action);
  }

  /** The authorization code the journey ended with, exchanged at the token endpoint (public client, PKCE). */
  async redeem(code: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await this.request(`${this.publicUrl}/${this.tenant.slug}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: this.tenant.clientId,
        code,
        redirect_uri: DEMO_REDIRECT_URI,
        code_verifier: this.verifier,
      }).toString(),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
}
