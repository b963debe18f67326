import type { Locale } from "../../i18n";
import type { Tenant } from "../../tenant";
import type { JourneyDeps } from "../engine/types";
import type { UpstreamResult } from "../engine/submit";

/** The waiting authorization request, as the OpenID provider describes it. */
export interface WaitingInteraction {
  id: string;
  clientId: string;
  uiLocales?: string;
  expiresAt: Date;
}

/** What the journey endpoints need, passed in by the composition root (no framework, no database). */
export interface JourneyEndpointServices {
  /** The site's public origin: redirects and the same-origin check use it, never the Host header. */
  baseUrl: string;
  tenants: { find(slug: string): Tenant | undefined };
  deps: JourneyDeps;
  /** Who is asking, for the passcode limits: the one client-address rule (http/client-address.ts), wired with the socket's peer. */
  clientAddress(request: Request): string;
  interactions: {
    /**
     * The interaction, and whether this browser made its authorization request (one read). Throws
     * the provider's interaction error when it is unknown, expired or answered (see `isGone`).
     */
    describeForBrowser(request: Request, tenant: string, id: string): Promise<WaitingInteraction & { boundToBrowser: boolean }>;
    /** The error means the authorization request is gone (expired, answered): the person starts again. */
    isGone(error: unknown): boolean;
  };
  session: {
    /** The active guest this browser's OP session belongs to, if any. */
    signedInGuest(request: Request, tenant: string): Promise<string | undefined>;
  };
  federation: {
    startFederation(
      tenant: Tenant,
      providerId: string,
      options: { returnTo: string },
    ): Promise<{ ok: true; location: string } | { ok: false; reason: Extract<UpstreamResult, { failure: unknown }>["failure"] }>;
    /** The upstream's answer, taken once. */
    takeUpstreamIdentity(tenant: Tenant): Promise<UpstreamResult>;
  };
}

export type JourneyEndpoint = (request: Request, tenant: string, id: string) => Promise<Response>;
export type { Locale };
