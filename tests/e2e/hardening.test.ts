// Findings of the black-box review, against `next start` over real HTTP: who the client is (with
// and without a trusted proxy), bodies counted while they stream, paths that do not decode, the
// JSON endpoints' headers, and the demo's outbox kept to this machine.
import { request as httpRequest } from "node:http";
import { describe, expect, inject, it } from "vitest";
import { APPS } from "./support/applications";
import { withBrowser } from "./support/browser";
import { journeyPage, journeyTexts, uniqueEmail } from "./support/journey";
import { withOwnServer, type OwnServer } from "./support/own-server";
import { freePort, serverEnv, startServer } from "./support/server";
import { url } from "./support/site";

const browser = withBrowser();
const app = APPS.woodgrove;
const t = journeyTexts("en");
const RATE_LIMITED = Array.from({ length: 16 }, (_, minutes) => t("otp.errors.rateLimited", { minutes }));

/** A raw HTTP/1.1 request, so the test decides the framing (chunked, no Content-Length) and the path bytes. */
function raw(origin: string, options: { method: string; path: string; headers?: Record<string, string>; chunks?: Buffer[] }) {
  const target = new URL(origin);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on("error", (error) =>
      (error as NodeJS.ErrnoException).code === "ECONNRESET" || (error as NodeJS.ErrnoException).code === "EPIPE"
        ? undefined
        : reject(error),
    );
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** Asks for a passcode in a fresh journey, as a browser whose requests carry this X-Forwarded-For; true when it was sent. */
async function requestCode(server: OwnServer, forwardedFor: string | undefined): Promise<boolean> {
  const page = await browser.newPage({ baseURL: server.baseURL(), acceptLanguage: "en" });
  if (forwardedFor) await page.setExtraHTTPHeaders({ "Accept-Language": "en", "X-Forwarded-For": forwardedFor });
  const journey = journeyPage(page, t);
  await page.goto(server.authorizeUrl(app, "en"));
  await journey.chooseEmail();
  await journey.requestCode(uniqueEmail("limit"));
  const main = (await page.locator("main").textContent()) ?? "";
  await page.context().close();
  return !RATE_LIMITED.some((text) => main.includes(text));
}

describe("the per-client passcode limit without a trusted proxy", () => {
  const server = withOwnServer({ GUESTGATE_OTP_SENDS_PER_CLIENT: "2", GUESTGATE_TRUSTED_PROXIES: "" });

  it("counts the connection's address: a new or prepended X-Forwarded-For entry does not reset it", async () => {
    expect(await requestCode(server, "198.51.100.1")).toBe(true);
    expect(await requestCode(server, "198.51.100.2")).toBe(true);
    expect(await requestCode(server, "198.51.100.3")).toBe(false);
    expect(await requestCode(server, "203.0.113.77, 198.51.100.4")).toBe(false);
    expect(await requestCode(server, undefined)).toBe(false);
  }, 120_000);
});

describe("behind a trusted proxy (GUESTGATE_TRUSTED_PROXIES=127.0.0.1, ::1), with the demo on", () => {
  const server = withOwnServer({
    GUESTGATE_OTP_SENDS_PER_CLIENT: "2",
    GUESTGATE_TRUSTED_PROXIES: "127.0.0.1, ::1",
    GUESTGATE_DEMO: "true",
    GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true",
    SMTP_URL: "",
  });

  it("counts the right-most address the proxy did not write itself: prepended fakes change nothing", async () => {
    expect(await requestCode(server, "198.51.100.7")).toBe(true);
    expect(await requestCode(server, "6.6.6.1, 198.51.100.7")).toBe(true);
    expect(await requestCode(server, "6.6.6.2, 198.51.100.7")).toBe(false);
    expect(await requestCode(server, "6.6.6.3, 198.51.100.7, 127.0.0.1")).toBe(false);
    // another client behind the same proxy has its own count
    expect(await requestCode(server, "198.51.100.8")).toBe(true);
  }, 120_000);

  it("serves the outbox to a browser on this machine only, and said at start that the demo was let through", async () => {
    expect((await fetch(`${server.baseURL()}/dev/outbox`)).status).toBe(200);
    const forwarded = await fetch(`${server.baseURL()}/dev/outbox`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(forwarded.status).toBe(404);
    expect(await forwarded.text()).not.toMatch(/\b\d{6}\b.*passcode/i);
    const warning = server.logLines().find((line) => String(line.msg).startsWith("GUESTGATE_DEMO_UNSAFE_OVERRIDE"));
    expect(warning).toMatchObject({ level: "warn", exposure: "NODE_ENV=production" });
  });
});

describe("the demo under next start without the override", () => {
  it("refuses to start, naming GUESTGATE_DEMO and why", async () => {
    const port = await freePort();
    const server = startServer(port, {
      ...serverEnv({ port, databaseUrl: inject("databaseUrl"), configPath: inject("tenantsConfigPath") }),
      GUESTGATE_DEMO: "true",
      GUESTGATE_DEMO_UNSAFE_OVERRIDE: "",
    });
    try {
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        server.exited,
        new Promise<"still running">((resolve) => (timer = setTimeout(() => resolve("still running"), 30_000))),
      ]);
      clearTimeout(timer);
      expect(outcome, server.output()).not.toBe("still running");
      expect(outcome).not.toBe(0);
      expect(server.output()).toMatch(/GUESTGATE_DEMO: the demo application and the development outbox .* NODE_ENV=production/);
    } finally {
      await server.stop();
    }
  }, 45_000);
});

describe("bodies are counted while they stream (Transfer-Encoding: chunked)", () => {
  const form = {
    "content-type": "application/x-www-form-urlencoded",
    "sec-fetch-site": "same-origin",
    "transfer-encoding": "chunked",
  };
  const chunks = (total: number) =>
    Array.from({ length: total / 16384 }, (_, i) => Buffer.from((i ? "" : "locale=en&p=").padEnd(16384, "x")));

  it("the language switch answers 413 to a chunked 1 MiB body", async () => {
    const response = await raw(url(""), {
      method: "POST",
      path: "/woodgrove/locale",
      headers: form,
      chunks: chunks(1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it("the journey submit answers 413 to a chunked 1 MiB body", async () => {
    const response = await raw(url(""), {
      method: "POST",
      path: "/woodgrove/journey/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/submit",
      headers: form,
      chunks: chunks(1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it("a small chunked language switch still works", async () => {
    const response = await raw(url(""), {
      method: "POST",
      path: "/woodgrove/locale",
      headers: form,
      chunks: [Buffer.from("locale=en&"), Buffer.from("returnTo=%2Fwoodgrove")],
    });
    expect(response.status).toBe(303);
  });
});

describe("a path that is not percent-encoded UTF-8", () => {
  it.each(["/%FF", "/woodgrove/journey/%ZZ", "/woodgrove/%C0%AF", "/woodgrove/account/%E2%82"])(
    "%s answers 400, never 500",
    async (path) => {
      const response = await raw(url(""), { method: "GET", path });
      expect(response.status).toBe(400);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
    },
  );
});

describe("the JSON endpoints over HTTP", () => {
  it.each<[string, string, number, Record<string, string>]>([
    ["userinfo without a token", "/woodgrove/oauth2/v2.0/userinfo", 401, {}],
    ["userinfo with a bad token", "/woodgrove/oauth2/v2.0/userinfo", 401, { authorization: "Bearer x.y.z" }],
    ["the JWKS", "/woodgrove/discovery/v2.0/keys", 200, {}],
  ])("%s: nosniff and no-referrer", async (_, path, status, headers) => {
    const response = await fetch(url(path), { headers });
    expect(response.status).toBe(status);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
