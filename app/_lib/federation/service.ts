import { createLogger } from "../log";
import type { Tenant, TenantDirectory } from "../tenant";
import { handleFederationRequest } from "./handle";
import { createTenantFederation, type TenantFederation } from "./instance";
import { buildUpstreamProviders, type UpstreamImitations } from "./providers";
import { startWith, takeWith, type FederationStart, type TakenResults } from "./start";
import type { CookieStore, OfferedProvider, UpstreamOutcome } from "./types";

export interface FederationDeps {
  /** GUESTGATE_BASE_URL. */
  baseUrl: string;
  /** AUTH_SECRET; without it no upstream is offered (Auth.js cannot seal its cookies). */
  authSecret: string | undefined;
  tenants: TenantDirectory;
  /** Where taken results are remembered until they expire (the database, so every instance agrees). */
  takenResults: TakenResults;
  /** env.ts's lookup of a provider secret by the variable name tenants.json gives. */
  secretFromEnvironment(name: string): string | undefined;
  /** GUESTGATE_TEST_GITHUB_ORIGIN / GUESTGATE_TEST_FACEBOOK_ORIGIN: local imitations, test runs only. */
  imitations?: UpstreamImitations;
  warn?(message: string): void;
  /** The request's cookie store; Next's `cookies()` unless given (tests pass a jar). */
  cookies?(): Promise<CookieStore>;
}

export interface Federation {
  /** The tenant's Auth.js (built once per tenant); undefined when the tenant has no usable upstream. */
  federationFor(tenant: Tenant): TenantFederation | undefined;
  /** The upstreams the journey may offer as buttons, in tenants.json order. */
  offeredProviders(tenant: Tenant): readonly OfferedProvider[];
  /**
   * Prepares the trip to an upstream: sets the round-trip cookies and returns the upstream's
   * authorization URL for the caller to redirect to (`redirect(location)` in a Server Action, or a
   * 303 from a Route Handler). `returnTo` is where the browser comes back to — a Route Handler of
   * the journey that calls `takeUpstreamIdentity` — and must be a local path under `/{tenant}/`.
   */
  startFederation(
    tenant: Tenant,
    providerId: string,
    options: { returnTo: string; cookies?: CookieStore },
  ): Promise<FederationStart>;
  /**
   * The upstream's answer, once: an identity, a typed failure, or undefined when there is none (or
   * when this result was taken before, from this browser or a copy of its cookie). Clears the
   * cookie, so call it from a Route Handler or Server Action (a page render cannot).
   */
  takeUpstreamIdentity(tenant: Tenant, options?: { cookies?: CookieStore }): Promise<UpstreamOutcome | undefined>;
  /** The `/{tenant}/federation/[...nextauth]` route, GET and POST. Unknown tenant: 404. */
  handle(request: Request, slug: string): Promise<Response>;
  /** One line per configured upstream that is not offered, for the start-up log. */
  problems(): string[];
}

export function createFederation(deps: FederationDeps): Federation {
  const fallbackLog = createLogger({ level: "info", bindings: { module: "federation" } });
  const warn = deps.warn ?? ((message: string) => fallbackLog.warn(message));
  // next/headers is imported where Next's request scope exists (the composition root, lazily), so that
  // this module also loads under the Pages Router, whose pages may not depend on it.
  const cookieStore = deps.cookies ?? (async () => (await (await import("next/headers")).cookies()) as unknown as CookieStore);
  const built = new Map<string, TenantFederation | undefined>();

  function federationFor(tenant: Tenant): TenantFederation | undefined {
    if (!built.has(tenant.slug)) {
      const instance =
        deps.authSecret && tenant.identityProviders.some((provider) => provider.kind !== "email-otp")
          ? createTenantFederation(tenant, {
              baseUrl: deps.baseUrl,
              authSecret: deps.authSecret,
              secretFromEnvironment: deps.secretFromEnvironment,
              imitations: deps.imitations,
              warn,
            })
          : undefined;
      built.set(tenant.slug, instance?.offered.length ? instance : undefined);
    }
    return built.get(tenant.slug);
  }

  function problems(): string[] {
    return deps.tenants.list().flatMap((tenant) => {
      const { unavailable, offered } = buildUpstreamProviders(tenant.identityProviders, deps.secretFromEnvironment);
      const lines = unavailable.map(
        ({ id, problem }) => `identity provider "${id}" of tenant ${tenant.slug} is unavailable: ${problem}`,
      );
      if (!deps.authSecret && offered.length > 0)
        lines.push(`tenant ${tenant.slug}: upstream identity providers are unavailable: AUTH_SECRET is not set`);
      return lines;
    });
  }

  for (const line of problems()) warn(`Guestgate: ${line}`);
  for (const [kind, origin] of Object.entries(deps.imitations ?? {})) {
    if (origin) warn(`Guestgate: ${kind} is answered by a local imitation at ${origin} (a test run, never for real sign-ins)`);
  }

  return {
    federationFor,
    problems,
    offeredProviders: (tenant) => federationFor(tenant)?.offered ?? [],
    async startFederation(tenant, providerId, { returnTo, cookies }) {
      return startWith(federationFor(tenant), tenant.slug, providerId, returnTo, cookies ?? (await cookieStore()));
    },
    async takeUpstreamIdentity(tenant, options = {}) {
      return takeWith(federationFor(tenant), options.cookies ?? (await cookieStore()), deps.takenResults);
    },
    async handle(request, slug) {
      const tenant = deps.tenants.find(slug);
      if (!tenant) return new Response(null, { status: 404 });
      return handleFederationRequest(federationFor(tenant), slug, request);
    },
  };
}
