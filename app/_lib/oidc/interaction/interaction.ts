import type { AuthorizationRequest, InteractionReason } from "../authorize/context";
import type { ProviderContext } from "../context";
import type { OAuthErrorCode } from "../errors";
import { GUID, sha256 } from "../crypto";
import type { LocalizedNames } from "../clients/localized-names";
import type { InteractionRecord } from "../ports";
import { readCookie, type Cookie } from "../web/cookies";
import { bindingCookieName, isLive, sessionCookieName, signIn } from "../session/op-session";

/** What the journey learns about a waiting authorization request. */
export interface InteractionDetails {
  id: string;
  tenant: string;
  clientId: string;
  clientName: string;
  /** The application's name per page language (see applicationNameFor). */
  clientNames: LocalizedNames;
  reason: InteractionReason;
  scope: string[];
  prompt: string[];
  loginHint?: string;
  uiLocales?: string;
  acrValues?: string;
  display?: string;
  maxAge?: number;
  expiresAt: Date;
}

export interface CompleteInteractionInput {
  guestId: string;
  /** Authentication methods (RFC 8176), e.g. ["otp"], ["fed"]. */
  amr: readonly string[];
  acr?: string;
  /** Keep the person signed in across browser restarts. */
  remember: boolean;
  /** The browser's current session cookie value, so a sign-in of the same guest extends that session. */
  currentSessionToken?: string;
}

export interface CompletedInteraction {
  /** Where the browser goes next: the authorize endpoint resumes and sends it back to the application. */
  resumeUrl: string;
  /** The OP session cookie to set on the response that redirects to resumeUrl. */
  sessionCookie: Cookie;
}

export type InteractionErrorCode = "not_found" | "expired" | "already_completed" | "guest_not_allowed";

export class InteractionError extends Error {
  override readonly name = "InteractionError";
  constructor(
    readonly code: InteractionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * By name rather than instanceof: Next bundles a module once per layer (route handlers, pages),
 * while the provider instance is shared through app/_lib/server.ts, so class identities differ.
 */
export function isInteractionError(error: unknown): error is InteractionError {
  return error instanceof Error && error.name === "InteractionError" && typeof (error as InteractionError).code === "string";
}

/** The stored outcome: a sign-in, or an error for the client (e.g. the person cancelled). */
export type InteractionResult =
  | { guestId: string; sid: string; authTime: string; amr: string[]; acr: string | null }
  | { error: OAuthErrorCode; errorDescription: string };

export type StoredRequest = AuthorizationRequest & { reason: InteractionReason };

async function load(p: ProviderContext, tenant: string, id: string): Promise<InteractionRecord & { snapshot: StoredRequest }> {
  const record = /^[A-Za-z0-9_-]{43}$/.test(id) ? await p.repositories.interactions.find(id) : null;
  if (!record || record.tenantId !== tenant) throw new InteractionError("not_found", "no such interaction");
  if (record.expiresAt.getTime() <= p.clock.now().getTime()) throw new InteractionError("expired", "the interaction has expired");
  return { ...record, snapshot: JSON.parse(record.request) as StoredRequest };
}

async function finish(p: ProviderContext, tenant: string, id: string, result: InteractionResult): Promise<void> {
  const done = await p.repositories.interactions.complete(id, JSON.stringify(result), p.clock.now());
  if (!done) throw new InteractionError("already_completed", "the interaction was already completed");
}

export function createInteractionApi(p: ProviderContext) {
  type Loaded = Awaited<ReturnType<typeof load>>;
  /** What the journey needs to show and decide, from a loaded interaction still waiting. */
  const details = async (record: Loaded): Promise<InteractionDetails> => {
    if (record.completedAt) throw new InteractionError("already_completed", "the interaction was already completed");
    const client = GUID.test(record.clientId) ? await p.repositories.applications.findByClientId(record.clientId) : null;
    const s = record.snapshot;
    return {
      id: record.id,
      tenant: record.tenantId,
      clientId: record.clientId,
      clientName: client?.name ?? record.clientId,
      clientNames: client?.localizedDisplayNames ?? {},
      reason: s.reason,
      scope: s.scope,
      prompt: s.prompt,
      expiresAt: record.expiresAt,
      ...(s.loginHint !== undefined ? { loginHint: s.loginHint } : {}),
      ...(s.uiLocales !== undefined ? { uiLocales: s.uiLocales } : {}),
      ...(s.acrValues !== undefined ? { acrValues: s.acrValues } : {}),
      ...(s.display !== undefined ? { display: s.display } : {}),
      ...(s.maxAge !== undefined ? { maxAge: s.maxAge } : {}),
    };
  };
  /** Whether the request carries the binding cookie authorize set for this interaction. */
  const boundTo = (request: Request, record: Loaded): boolean => {
    const binding = readCookie(request, bindingCookieName(p));
    return binding !== undefined && sha256(binding) === record.browserBindingHash;
  };
  return {
    /** What the journey needs to show and decide (which application, why, hints). */
    async describeInteraction(tenant: string, id: string): Promise<InteractionDetails> {
      return details(await load(p, tenant, id));
    },

    /**
     * describeInteraction and isBoundToBrowser from one read of the interaction: the interaction
     * page asks both of every journey it starts.
     */
    async describeForBrowser(
      request: Request,
      tenant: string,
      id: string,
    ): Promise<InteractionDetails & { boundToBrowser: boolean }> {
      const record = await load(p, tenant, id);
      return { ...(await details(record)), boundToBrowser: boundTo(request, record) };
    },

    /**
     * Whether this browser is the one that made the authorization request (it holds the binding
     * cookie authorize set). Only that browser may run the journey: otherwise a link to someone
     * else's interaction page would have its visitor sign in, and the sender resume with a code for
     * the visitor's account (RFC 6749 §10.12, RFC 9700 §4.7: the request stays bound to its user agent).
     */
    async isBoundToBrowser(request: Request, tenant: string, id: string): Promise<boolean> {
      return boundTo(request, await load(p, tenant, id));
    },

    /**
     * The person signed in (or up) as guestId: starts or extends the OP session and records the
     * outcome. The caller sets sessionCookie and redirects (303 after a form POST) to resumeUrl.
     */
    async completeInteraction(tenant: string, id: string, input: CompleteInteractionInput): Promise<CompletedInteraction> {
      const record = await load(p, tenant, id);
      if (record.completedAt) throw new InteractionError("already_completed", "the interaction was already completed");
      const guest = await p.repositories.guests.find(tenant, input.guestId);
      if (!guest || guest.state !== "active")
        throw new InteractionError("guest_not_allowed", "the guest does not exist or is blocked");
      const { session, cookie } = await signIn(
        p,
        tenant,
        { guestId: guest.id, amr: input.amr, acr: input.acr ?? null, remember: input.remember },
        input.currentSessionToken,
      );
      await finish(p, tenant, id, {
        guestId: guest.id,
        sid: session.sid,
        authTime: session.authTime.toISOString(),
        amr: session.amr,
        acr: session.acr,
      });
      return { resumeUrl: p.urls(tenant).resume(id), sessionCookie: cookie };
    },

    /**
     * A sign-in that answers no authorization request: a journey that ends at a page of the tenant
     * (an invitation's redemption) still leaves the browser signed in, so that the application it
     * leads to authorizes without asking again (OIDC Core §3.1.2.3: a live session is the
     * authentication). The caller sets the cookie on the response that redirects.
     */
    async startSession(tenant: string, input: CompleteInteractionInput): Promise<{ sessionCookie: Cookie }> {
      const guest = await p.repositories.guests.find(tenant, input.guestId);
      if (!guest || guest.state !== "active")
        throw new InteractionError("guest_not_allowed", "the guest does not exist or is blocked");
      const { cookie } = await signIn(
        p,
        tenant,
        { guestId: guest.id, amr: input.amr, acr: input.acr ?? null, remember: input.remember },
        input.currentSessionToken,
      );
      return { sessionCookie: cookie };
    },

    /** The person cancelled, or the journey refused them: the client gets this error (default access_denied). */
    async abortInteraction(
      tenant: string,
      id: string,
      error: { error?: OAuthErrorCode; description?: string } = {},
    ): Promise<{ resumeUrl: string }> {
      const record = await load(p, tenant, id);
      if (record.completedAt) throw new InteractionError("already_completed", "the interaction was already completed");
      await finish(p, tenant, id, {
        error: error.error ?? "access_denied",
        errorDescription: error.description ?? "the person did not sign in",
      });
      return { resumeUrl: p.urls(tenant).resume(id) };
    },

    /**
     * The guest this browser is signed in as at the tenant (a live OP session whose guest is still
     * active), for pages and journeys that act on the signed-in guest (the profile). Never a
     * sign-in itself: no prompt, no max_age, only what the session already proves.
     */
    async signedInGuest(tenant: string, sessionToken: string | undefined): Promise<{ guestId: string } | undefined> {
      if (!sessionToken || !/^[A-Za-z0-9_-]{43}$/.test(sessionToken)) return undefined;
      // The session and its guest's state in one statement (every journey step asks this).
      const found = await p.repositories.sessions.findWithGuestState(sha256(sessionToken));
      if (!found || !isLive(found.session, tenant, p.clock.now())) return undefined;
      return found.guestState === "active" ? { guestId: found.session.guestId } : undefined;
    },

    /** The session cookie's name at a tenant (for a journey that reads the current session token). */
    sessionCookieName: (tenant: string) => sessionCookieName(p, tenant),
    readSessionToken: (request: Request, tenant: string) => readCookie(request, sessionCookieName(p, tenant)),
  };
}
