import { z } from "zod";
import { ConfigError } from "./errors";
import { NO_TRUSTED_PROXIES, parseTrustedProxies, TrustedProxiesError } from "./http";
import { LOG_LEVELS } from "./log";

/** `NAME=` in a .env file means "not set", not "set to nothing". */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema);
/** `addr@host` or `Name <addr@host>`, on one line (a line break would be a header injection). */
const MAIL_FROM_PATTERN = /^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/;
/** `http://127.0.0.1:PORT` or `http://localhost:PORT`, as an origin (no path, query or credentials). */
const loopbackOrigin = z
  .url({ protocol: /^https?$/, error: "an http://127.0.0.1:PORT or http://localhost:PORT origin" })
  .refine((value) => {
    const url = new URL(value);
    return isLoopbackHost(url.hostname) && url.origin === value.replace(/\/$/, "");
  }, "must be a loopback origin (http://127.0.0.1:PORT or http://localhost:PORT), without a path")
  .transform((value) => new URL(value).origin);
const positiveCount = z.coerce.number().int().min(1).max(10_000);

/**
 * The only module that reads process.env (identity-provider secrets are looked up through
 * `secretFromEnvironment`, by the name the tenants file gives). Parsed once, with zod, so a bad
 * value stops the start with the variable's name.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Public origin of this deployment; issuers and links are built from it, never from Host headers. */
    GUESTGATE_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .default("http://localhost:3000")
      .refine(
        (url) => new URL(url).pathname === "/" && !url.endsWith("/"),
        "an origin such as https://id.example.com, without a path or trailing slash",
      ),
    GUESTGATE_CONFIG: z.string().min(1).default("tenants.json"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "file:PATH for SQLite or postgresql://… for PostgreSQL")
      .default("file:./.data/guestgate.db"),
    AUTH_SECRET: z.string().min(32, "at least 32 characters (openssl rand -base64 32)").optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    /**
     * base64 of 32 random bytes: encrypts the tenants' token-signing keys at rest (AES-256-GCM).
     * No built-in fallback: required in production, and without it nothing can be signed in any
     * environment (`npm run setup` writes a fresh one to .env).
     */
    GUESTGATE_KEY_ENCRYPTION_KEY: unsetWhenEmpty(
      z
        .string()
        .refine(
          (value) => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32,
          "base64 of exactly 32 random bytes (openssl rand -base64 32)",
        )
        .optional(),
    ),
    /** The seed's demo confidential client uses this secret when set (at least 32 characters); otherwise one is generated and printed once. */
    GUESTGATE_DEMO_CLIENT_SECRET: unsetWhenEmpty(z.string().min(32, "at least 32 characters").optional()),
    /** The client secret Guestgate and the demo identity provider Contoso ID share (demo only; `npm run setup` writes it). */
    GUESTGATE_DEMO_IDP_SECRET: unsetWhenEmpty(z.string().min(32, "at least 32 characters").optional()),
    /** smtp://user:password@host:587 or smtps://user:password@host:465; unset = no mail is sent, messages go to the outbox. */
    SMTP_URL: unsetWhenEmpty(
      z.url({ protocol: /^smtps?$/, error: "smtp://… or smtps://… (user and password in the URL)" }).optional(),
    ),
    MAIL_FROM: z
      .string()
      .regex(MAIL_FROM_PATTERN, "an address, optionally with a name: Guestgate <no-reply@example.com>")
      .default("Guestgate <no-reply@localhost>"),
    /** Where messages are kept when SMTP_URL is not set (relative to the working directory). */
    GUESTGATE_OUTBOX_DIR: z.string().min(1).default(".data/outbox"),
    /** One-time passcode mails allowed per address, and per client (IP address), in each window. */
    GUESTGATE_OTP_SENDS_PER_ADDRESS: positiveCount.default(5),
    GUESTGATE_OTP_SENDS_PER_CLIENT: positiveCount.default(20),
    GUESTGATE_OTP_SEND_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /**
     * The reverse proxies in front of this server, as comma-separated IPv4/IPv6 networks in CIDR
     * notation (`10.0.0.0/8, 2001:db8::/32`) or single addresses. Only when the connection comes
     * from one of them is X-Forwarded-For read (its right-most untrusted entry is the client);
     * unset: nobody is trusted and the client is the connection's peer (http/client-address.ts).
     */
    GUESTGATE_TRUSTED_PROXIES: unsetWhenEmpty(
      z
        .string()
        .transform((list, ctx) => {
          try {
            return parseTrustedProxies(list);
          } catch (error) {
            if (!(error instanceof TrustedProxiesError)) throw error;
            ctx.addIssue({ code: "custom", message: error.message });
            return z.NEVER;
          }
        })
        .optional(),
    ).transform((value) => value ?? NO_TRUSTED_PROXIES),
    /**
     * redis://… or rediss://… (user and password in the URL): the rate-limit counters (passcode
     * sends, sign-up limits, Graph requests) live there instead of the database's
     * rate_limit_counters. Unset: the database holds them; either way every instance shares them.
     */
    REDIS_URL: unsetWhenEmpty(
      z.url({ protocol: /^rediss?$/, error: "redis://… or rediss://… (user and password in the URL)" }).optional(),
    ),
    /** Graph API requests each caller (application or administrator) may make per minute and tenant; 0: no limit. */
    GUESTGATE_GRAPH_REQUESTS_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
    /** How often the server asks which background jobs are due (each job has its own period); 0: never. */
    GUESTGATE_JOBS_TICK_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    /**
     * The demo application (/demo) and the development outbox (/dev/outbox). Unset: on outside
     * production. `true` turns them on under `next start` too — the offline quick start, whose .env
     * `npm run setup` writes it to; never set it where real people sign in (the outbox shows live
     * passcodes). `false` turns them off everywhere.
     */
    GUESTGATE_DEMO: unsetWhenEmpty(z.stringbool({ error: "true or false" }).optional()),
    /**
     * `true` lets the demo tools run where they could be reached by others (NODE_ENV=production,
     * or a GUESTGATE_BASE_URL that is not loopback); every start then logs a warning. Without it
     * such a start is refused (see demoExposure). The quick start's .env sets it for `next start`
     * on localhost; the outbox page still answers only browsers on this machine.
     */
    GUESTGATE_DEMO_UNSAFE_OVERRIDE: unsetWhenEmpty(z.stringbool({ error: "true or false" }).optional()),
    /**
     * Test runs only: the origin of a local imitation of GitHub's (or Facebook's) OAuth 2.0 and user
     * APIs, which the real Auth.js provider is then pointed at (tests/mocks/social). GitHub and
     * Facebook have no issuer to configure, so without these their protocol could not be tested
     * end to end. Only loopback origins are accepted, and only while GUESTGATE_BASE_URL is loopback
     * too, so a deployment that real people reach can never send them to an imitation.
     */
    GUESTGATE_TEST_GITHUB_ORIGIN: unsetWhenEmpty(loopbackOrigin.optional()),
    GUESTGATE_TEST_FACEBOOK_ORIGIN: unsetWhenEmpty(loopbackOrigin.optional()),
    /**
     * Auth.js's own URL settings, read by next-auth from process.env. Guestgate builds Auth.js's URLs
     * (redirect_uri included) from GUESTGATE_BASE_URL, so these may only be unset or agree with it.
     */
    AUTH_URL: unsetWhenEmpty(z.string().optional()),
    NEXTAUTH_URL: unsetWhenEmpty(z.string().optional()),
    AUTH_REDIRECT_PROXY_URL: unsetWhenEmpty(
      z.undefined({ error: "is not supported: upstream callbacks come straight to GUESTGATE_BASE_URL" }).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    for (const name of ["AUTH_URL", "NEXTAUTH_URL"] as const) {
      if (env[name] !== undefined && env[name].replace(/\/$/, "") !== env.GUESTGATE_BASE_URL) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "must be unset (or equal GUESTGATE_BASE_URL): Guestgate builds Auth.js's URLs from GUESTGATE_BASE_URL",
        });
      }
    }
    for (const name of ["GUESTGATE_TEST_GITHUB_ORIGIN", "GUESTGATE_TEST_FACEBOOK_ORIGIN"] as const) {
      if (env[name] !== undefined && !isLoopbackHost(new URL(env.GUESTGATE_BASE_URL).hostname)) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "is for test runs on this machine only: GUESTGATE_BASE_URL is not a loopback address",
        });
      }
    }
    const exposure = demoExposure(env);
    if (exposure && !env.GUESTGATE_DEMO_UNSAFE_OVERRIDE && !process.env.NEXT_PHASE?.includes("build")) {
      ctx.addIssue({
        code: "custom",
        path: ["GUESTGATE_DEMO"],
        message: `the demo application and the development outbox (which shows live passcodes) are on, but ${exposure}. Set GUESTGATE_DEMO=false, or GUESTGATE_DEMO_UNSAFE_OVERRIDE=true if this is really a private test run`,
      });
    }
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET && !process.env.NEXT_PHASE?.includes("build")) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && !env.GUESTGATE_KEY_ENCRYPTION_KEY && !process.env.NEXT_PHASE?.includes("build")) {
      ctx.addIssue({ code: "custom", path: ["GUESTGATE_KEY_ENCRYPTION_KEY"], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw ConfigError.fromZod("the environment", result.error);
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/**
 * An identity provider's secret, by the variable name the tenants file gives; undefined when unset.
 * A GUESTGATE_DEMO_* secret (the quick start's Contoso ID) counts only while the demo is on, so the
 * demo's identity provider is never offered outside it, whatever the environment holds.
 */
export function secretFromEnvironment(
  name: string,
  source: Record<string, string | undefined> = process.env,
  settings: () => Pick<Env, "NODE_ENV" | "GUESTGATE_DEMO"> = env,
): string | undefined {
  const value = source[name];
  if (name.startsWith(DEMO_SECRET_PREFIX) && !demoEnabled(settings())) return undefined;
  return value && value.length > 0 ? value : undefined;
}

const DEMO_SECRET_PREFIX = "GUESTGATE_DEMO_";

/** Whether the demo application and the development outbox are served (see GUESTGATE_DEMO). */
export function demoEnabled(settings: Pick<Env, "NODE_ENV" | "GUESTGATE_DEMO">): boolean {
  return settings.GUESTGATE_DEMO ?? settings.NODE_ENV !== "production";
}

/** RFC 6761 §6.3 `localhost` (and its subdomains), 127.0.0.0/8 and ::1: names only this machine reaches. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || /^127(?:\.\d{1,3}){3}$/.test(host) || host === "::1";
}

/**
 * Why the demo tools would be exposed to other people, or undefined when they are off or safe:
 * the demo is on and either NODE_ENV is production or the public origin is not loopback.
 */
export function demoExposure(settings: Pick<Env, "NODE_ENV" | "GUESTGATE_DEMO" | "GUESTGATE_BASE_URL">): string | undefined {
  if (!demoEnabled(settings)) return undefined;
  if (!isLoopbackHost(new URL(settings.GUESTGATE_BASE_URL).hostname)) {
    return `GUESTGATE_BASE_URL ${settings.GUESTGATE_BASE_URL} is not a loopback address`;
  }
  if (settings.NODE_ENV === "production") return "NODE_ENV=production";
  return undefined;
}
