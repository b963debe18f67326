// A sign-up or sign-in journey driven over plain HTTP, without a browser: the journey pages are
// HTML forms (hidden CSRF token included) that work without JavaScript, so a cookie jar, a form
// reader and fetch walk them as a browser with scripts off would. The passcode is read from the
// mail the server sent through SMTP (support/smtp-capture.ts writes one file per message).
// Used by the soak (tests/soak/run.ts) and the bench's page table (tests/bench/pages.ts).
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import PostalMime from "postal-mime";
import type { CapturedFile } from "../e2e/support/smtp-capture";

/** Cookies by name, as a browser keeps them for one host (paths and expiry are not needed here). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (!value || attributes.some((a) => /^max-age=0$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export interface FormField {
  name: string;
  value: string;
  type: string;
}

export interface HtmlForm {
  action: string;
  method: string;
  fields: FormField[];
  /** The submit buttons' name=value pairs (a form may have several, e.g. "resend" and "verify"). */
  buttons: FormField[];
}

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i")
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);
const unescape = (value: string) =>
  value
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** Every form of a page with its fields, read the way a browser builds a form submission. */
export function formsOf(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open = "", body = ""] = match;
    const fields: FormField[] = [];
    const buttons: FormField[] = [];
    for (const [tag] of body.matchAll(/<(input|button|select|textarea)\b[^>]*>/gi)) {
      const name = attribute(tag, "name");
      const kind = /^<(\w+)/.exec(tag)![1]!.toLowerCase();
      const type = (attribute(tag, "type") ?? (kind === "input" ? "text" : kind === "button" ? "submit" : kind)).toLowerCase();
      if (!name) continue;
      const value = unescape(attribute(tag, "value") ?? "");
      if (kind === "button" || type === "submit") buttons.push({ name, value, type });
      else if ((type === "radio" || type === "checkbox") && !/\schecked\b/i.test(tag))
        fields.push({ name, value, type: `${type}-unchecked` });
      else fields.push({ name, value, type });
    }
    forms.push({
      action: unescape(attribute(open, "action") ?? ""),
      method: (attribute(open, "method") ?? "get").toLowerCase(),
      fields,
      buttons,
    });
  }
  return forms;
}

export interface Page {
  url: URL;
  status: number;
  html: string;
}

export interface JourneyOptions {
  /** The site's origin as GUESTGATE_BASE_URL says it (http://localhost:PORT). */
  origin: string;
  /** The directory startSmtpCapture writes to. */
  mailDir: string;
  acceptLanguage?: string;
  /** Called with every response (status, method, path) the journey received, for counting. */
  onResponse?: (status: number, method: string, url: URL) => void;
}

/** A browser without JavaScript, confined to one origin: redirects elsewhere stop it. */
export class HttpBrowser {
  readonly jar = new CookieJar();
  constructor(private readonly options: JourneyOptions) {}

  async send(url: URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
    const method = init.method ?? "GET";
    const headers: Record<string, string> = {
      cookie: this.jar.header(),
      "accept-language": this.options.acceptLanguage ?? "en",
      accept: "text/html",
    };
    if (init.body) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      // What a browser sends with a same-origin form post (the journey's CSRF defences check both).
      headers.origin = this.options.origin;
      headers["sec-fetch-site"] = "same-origin";
    }
    const response = await fetch(url, { method, headers, body: init.body, redirect: "manual" });
    this.jar.take(response);
    this.options.onResponse?.(response.status, method, url);
    return response;
  }

  /** Follows same-origin redirects; a redirect to another origin (the application) ends there, unfollowed. */
  async navigate(start: URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<Page> {
    let url = start;
    let response = await this.send(url, init);
    for (let hops = 0; hops < 10; hops++) {
      if (response.status < 300 || response.status >= 400) break;
      const location = new URL(response.headers.get("location") ?? "", url);
      await response.body?.cancel();
      if (location.origin !== this.options.origin) return { url: location, status: response.status, html: "" };
      url = location;
      response = await this.send(url);
    }
    return { url, status: response.status, html: await response.text() };
  }

  /** Submits the page's form that has a field named `marker`, with `values` over its own fields. */
  async submit(page: Page, marker: string, values: Record<string, string>): Promise<Page> {
    const form = formsOf(page.html).find((f) => f.fields.some((field) => field.name === marker));
    if (!form)
      throw new Error(`${page.url.pathname} (${page.status}) has no form with a field "${marker}":\n${page.html.slice(0, 2000)}`);
    const body = new URLSearchParams();
    for (const field of form.fields) {
      if (field.name in values) continue;
      if (field.type.endsWith("-unchecked")) continue;
      body.append(field.name, field.value);
    }
    for (const [name, value] of Object.entries(values)) body.append(name, value);
    const button = form.buttons.find((b) => !/resend|back|cancel|change/i.test(`${b.name} ${b.value}`));
    if (button) body.append(button.name, button.value);
    return this.navigate(new URL(form.action || page.url.href, page.url), { method: form.method.toUpperCase(), body });
  }
}

/** PKCE (RFC 7636 §4.1–4.2, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export interface Client {
  tenant: string;
  clientId: string;
  redirectUri: string;
  scope: string;
}

export function authorizeUrl(origin: string, client: Client, challenge: string): URL {
  const url = new URL(`/${client.tenant}/oauth2/v2.0/authorize`, origin);
  url.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: "code",
    scope: client.scope,
    state: randomBytes(8).toString("base64url"),
    nonce: randomBytes(8).toString("base64url"),
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return url;
}

/**
 * The six-digit passcode of the newest mail to `address`, waiting for it; the files of that
 * address are removed once read, so the capture directory stays as small as the load in flight.
 */
export async function takePasscode(mailDir: string, address: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = (await readdir(mailDir)).filter((name) => name.endsWith(".json")).sort();
    for (const name of names.reverse()) {
      const file = path.join(mailDir, name);
      let captured: CapturedFile;
      try {
        captured = JSON.parse(await readFile(file, "utf8")) as CapturedFile;
      } catch {
        continue; // taken by another journey meanwhile
      }
      if (!captured.envelope.rcptTo.some((to) => to.toLowerCase() === address.toLowerCase())) continue;
      const mail = await PostalMime.parse(Buffer.from(captured.raw, "base64"));
      const code = /^\s+(\d{6})\s*$/m.exec(mail.text ?? "")?.[1];
      await rm(file, { force: true });
      if (!code) throw new Error(`no passcode line in the mail to ${address}:\n${mail.text}`);
      return code;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface JourneyResult {
  /** The authorization code the journey ended with. */
  code: string;
  verifier: string;
  /** The journey pages seen on the way (for the bench's page table). */
  pages: { step: string; page: Page }[];
  /** The browser that walked it: its cookies hold the provider's session for a silent sign-in. */
  browser: HttpBrowser;
}

/** Values for the attribute form's fields (the demo flows' attributes; others get "Soak"). */
const ATTRIBUTE_VALUES: Record<string, string> = {
  displayName: "Soak Guest",
  givenName: "Soak",
  surname: "Guest",
  country: "NL",
  dietaryPreference: "none",
  postalCode: "1234 AB",
};

/**
 * authorize → e-mail step → passcode step → (first time) attributes step → a code at the
 * application's redirect URI. Works for sign-up and for a returning guest's sign-in alike.
 */
export async function runJourney(
  options: JourneyOptions,
  client: Client,
  email: string,
  browser = new HttpBrowser(options),
): Promise<JourneyResult> {
  const { verifier, challenge } = pkcePair();
  const pages: JourneyResult["pages"] = [];
  let page = await browser.navigate(authorizeUrl(options.origin, client, challenge));
  pages.push({ step: "email", page });
  page = await browser.submit(page, "email", { email });
  pages.push({ step: "passcode", page });
  const passcode = await takePasscode(options.mailDir, email);
  page = await browser.submit(page, "code", { code: passcode });
  if (page.url.origin === options.origin) {
    pages.push({ step: "attributes", page });
    const form = formsOf(page.html).find((f) => f.fields.some((field) => field.name in ATTRIBUTE_VALUES));
    if (!form) throw new Error(`${page.url.pathname} (${page.status}) is not the attribute form:\n${page.html.slice(0, 2000)}`);
    const values: Record<string, string> = {};
    for (const field of form.fields)
      if (!field.type.startsWith("hidden") && !values[field.name]) values[field.name] = ATTRIBUTE_VALUES[field.name] ?? "Soak";
    page = await browser.submit(page, form.fields.find((f) => f.name in ATTRIBUTE_VALUES)!.name, values);
  }
  const code = page.url.href.startsWith(client.redirectUri) ? page.url.searchParams.get("code") : null;
  if (!code) throw new Error(`the journey did not end with a code: ${page.status} ${page.url.href}\n${page.html.slice(0, 2000)}`);
  return { code, verifier, pages, browser };
}

/**
 * An authorization request from a browser that holds a live session (OpenID Connect Core §3.1.2.3:
 * no prompt needed): the provider answers with a code at the redirect URI, no page in between.
 */
export async function silentSignIn(
  browser: HttpBrowser,
  origin: string,
  client: Client,
): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkcePair();
  const page = await browser.navigate(authorizeUrl(origin, client, challenge));
  const code = page.url.href.startsWith(client.redirectUri) ? page.url.searchParams.get("code") : null;
  if (!code) throw new Error(`the silent sign-in showed a page: ${page.status} ${page.url.href}\n${page.html.slice(0, 1000)}`);
  return { code, verifier };
}
