// A tiny cookie-keeping browser: Guestgate's URLs go to its route handler in-process, everything else
// (the local OpenID provider) over real HTTP. It follows redirects by hand, as a browser would, and
// can stop where the journey would take over.
import type { CookieOptions, CookieStore } from "../../../app/_lib/federation";

interface StoredCookie {
  value: string;
  host: string;
  path: string;
  secure: boolean;
  expires?: number;
}

export interface Page {
  url: string;
  status: number;
  body: string;
}

/** RFC 6265 §5.1.4. */
const pathMatches = (requestPath: string, cookiePath: string) =>
  requestPath === cookiePath ||
  (requestPath.startsWith(cookiePath) && (cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/"));

export class Browser {
  private readonly jar = new Map<string, StoredCookie>();
  constructor(
    private readonly guestgateOrigin: string,
    private readonly guestgate: (request: Request) => Promise<Response>,
  ) {}

  private key = (host: string, path: string, name: string) => `${host}|${path}|${name}`;

  private store(url: URL, name: string, value: string, options: CookieOptions): void {
    const path = options.path ?? "/";
    const key = this.key(url.host, path, name);
    const expires = options.maxAge !== undefined ? Date.now() + options.maxAge * 1000 : options.expires?.getTime();
    if (expires !== undefined && expires <= Date.now()) this.jar.delete(key);
    else this.jar.set(key, { value, host: url.host, path, secure: options.secure ?? false, expires });
  }

  /** The cookies a request to `url` carries, as name → value. */
  cookiesFor(url: URL): Map<string, string> {
    const pairs = new Map<string, string>();
    for (const [key, cookie] of this.jar) {
      if (cookie.expires !== undefined && cookie.expires <= Date.now()) continue;
      if (cookie.host !== url.host || !pathMatches(url.pathname, cookie.path)) continue;
      if (cookie.secure && url.protocol !== "https:") continue;
      pairs.set(key.split("|")[2]!, cookie.value);
    }
    return pairs;
  }

  cookieNames(): string[] {
    return [...this.jar.keys()].map((key) => key.split("|").slice(1).join(" "));
  }

  /** What a Route Handler at `url` would see as `cookies()`. */
  storeFor(address: string): CookieStore {
    const url = new URL(address);
    return {
      get: (name) => {
        const value = this.cookiesFor(url).get(name);
        return value === undefined ? undefined : { value };
      },
      set: (name, value, options = {}) => this.store(url, name, value, options),
    };
  }

  private async send(url: URL, init: { method: string; body?: URLSearchParams }): Promise<Response> {
    const headers = new Headers();
    const cookie = [...this.cookiesFor(url)].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
    if (cookie) headers.set("cookie", cookie);
    if (init.body) headers.set("content-type", "application/x-www-form-urlencoded");
    const request = { method: init.method, headers, body: init.body, redirect: "manual" as const };
    const response =
      url.origin === this.guestgateOrigin ? await this.guestgate(new Request(url, request)) : await fetch(url, request);
    for (const header of response.headers.getSetCookie()) this.remember(url, header);
    return response;
  }

  private remember(url: URL, header: string): void {
    const [pair = "", ...attributes] = header.split(";");
    const separator = pair.indexOf("=");
    const options: CookieOptions = {};
    for (const attribute of attributes) {
      const [key = "", ...rest] = attribute.trim().split("=");
      const value = rest.join("=");
      if (/^path$/i.test(key)) options.path = value;
      if (/^max-age$/i.test(key)) options.maxAge = Number(value);
      if (/^expires$/i.test(key)) options.expires = new Date(value);
      if (/^secure$/i.test(key)) options.secure = true;
    }
    this.store(url, pair.slice(0, separator).trim(), decodeURIComponent(pair.slice(separator + 1).trim()), options);
  }

  /** Follows redirects from `address` until a page that is not one, or until `stopAt` says stop. */
  async visit(
    address: string,
    init: { method?: string; body?: URLSearchParams; stopAt?: (url: URL) => boolean } = {},
  ): Promise<Page> {
    let url = new URL(address);
    let method = init.method ?? "GET";
    let body = init.body;
    for (let hop = 0; hop < 20; hop++) {
      if (hop > 0 && init.stopAt?.(url)) return { url: url.href, status: 0, body: "" };
      const response = await this.send(url, { method, body });
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location)
        return { url: url.href, status: response.status, body: await response.text() };
      await response.body?.cancel();
      url = new URL(location, url);
      if (response.status === 303 || method === "POST") [method, body] = ["GET", undefined];
    }
    throw new Error(`too many redirects, last at ${url.href}`);
  }
}
