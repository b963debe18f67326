import NextAuth, { type NextAuthConfig, type NextAuthResult } from "next-auth";
import { NextRequest } from "next/server";
import type { Tenant } from "../tenant";
import { authConfigFor } from "./auth-config";
import { federationBasePath, federationCookies } from "./cookies";
import { buildUpstreamProviders, type UpstreamImitations } from "./providers";
import type { OfferedProvider } from "./types";

export interface InstanceDeps {
  baseUrl: string;
  authSecret: string;
  secretFromEnvironment(name: string): string | undefined;
  imitations?: UpstreamImitations;
  warn(message: string): void;
}

/** One tenant's Auth.js, with what the road in and out needs to know about it. */
export interface TenantFederation {
  slug: string;
  /** `/{tenant}/federation` */
  basePath: string;
  /** Origin of GUESTGATE_BASE_URL. */
  origin: string;
  secret: string;
  offered: readonly OfferedProvider[];
  cookies: ReturnType<typeof federationCookies>;
  config: NextAuthConfig;
  nextAuth: NextAuthResult;
  /** Runs one request through Auth.js, addressed by a path under basePath, at GUESTGATE_BASE_URL. */
  call(path: string, init?: RequestInit): Promise<Response>;
}

export function createTenantFederation(tenant: Tenant, deps: InstanceDeps): TenantFederation {
  const origin = new URL(deps.baseUrl).origin;
  const upstream = buildUpstreamProviders(tenant.identityProviders, deps.secretFromEnvironment, deps.imitations);
  const config = authConfigFor({ slug: tenant.slug, baseUrl: origin, secret: deps.authSecret, upstream, warn: deps.warn });
  const nextAuth = NextAuth(config);
  const basePath = federationBasePath(tenant.slug);
  return {
    slug: tenant.slug,
    basePath,
    origin,
    secret: deps.authSecret,
    offered: upstream.offered,
    cookies: federationCookies(tenant.slug, origin.startsWith("https:")),
    config,
    nextAuth,
    call(path, init = {}) {
      // A NextRequest, because next-auth's handlers read `nextUrl` when AUTH_URL is set (env.ts
      // refuses an AUTH_URL that disagrees with GUESTGATE_BASE_URL).
      const request = new NextRequest(
        new URL(`${basePath}${path}`, origin),
        init as ConstructorParameters<typeof NextRequest>[1],
      );
      return (request.method === "POST" ? nextAuth.handlers.POST : nextAuth.handlers.GET)(request);
    },
  };
}
