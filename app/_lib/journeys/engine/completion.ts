import { safeLocalPath } from "../../http";
import type { JourneyDeps, JourneyInternal, JourneyRecord } from "./types";

/** What the engine does with a journey's completion target, whichever it is. */
interface CompletionHandler {
  /** When what the journey completes stops waiting: undefined once it is gone (a journey dies with it). */
  notAfter(journey: JourneyRecord): Promise<Date | undefined>;
  finish(journey: JourneyRecord, guestId: string): Promise<{ redirectTo: string; setCookies: string[] }>;
  abort(journey: JourneyRecord): Promise<{ redirectTo: string }>;
  /** The tenant path a redirect completion goes back to (an interaction has none: it throws). */
  returnPath(): string;
}

/**
 * A redirect target is only ever a path of the journey's own tenant on this site (RFC 9700 §4.11:
 * no open redirect). Checked when the journey starts and again when it finishes.
 */
export function tenantReturnPath(tenantId: string, candidate: unknown): string | undefined {
  return safeLocalPath(candidate, `/${tenantId}`);
}

export function completionOf(
  deps: JourneyDeps,
  journey: JourneyRecord,
  options: { startsSession?: boolean } = {},
): CompletionHandler {
  const target = journey.completion;
  if (target.type === "interaction") {
    return {
      notAfter: () => deps.signIn.expiresAt(journey.tenantId, target.interactionId),
      async finish(current, guestId) {
        await recordSignIn(deps, current.tenantId, current.internal);
        return deps.signIn.complete(current, target.interactionId, guestId);
      },
      abort: (current) => deps.signIn.abort(current, target.interactionId),
      returnPath: () => {
        throw new Error(`journey ${journey.id} completes an interaction, not a redirect`);
      },
    };
  }
  const back = () => {
    const path = tenantReturnPath(journey.tenantId, target.url);
    if (!path) throw new Error(`journey ${journey.id} has a redirect target outside its tenant`);
    return path;
  };
  return {
    // Nothing else waits: the journey's own expiry is the only limit.
    notAfter: async () => journey.expiresAt,
    async finish(current, guestId) {
      const redirectTo = back();
      if (!options.startsSession || !deps.signIn.startSession) return { redirectTo, setCookies: [] };
      await recordSignIn(deps, current.tenantId, current.internal);
      return { redirectTo, setCookies: await deps.signIn.startSession(current, guestId) };
    },
    abort: async () => ({ redirectTo: back() }),
    returnPath: back,
  };
}

/** A sign-in is recorded on the identity that proved it (not for a profile edit, which proves nothing new). */
async function recordSignIn(deps: JourneyDeps, tenantId: string, internal: JourneyInternal): Promise<void> {
  if (internal.identity) await deps.directory.recordSignIn(tenantId, internal.identity, deps.now());
}
