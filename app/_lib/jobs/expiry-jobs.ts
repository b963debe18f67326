import { purgeJob } from "./purge";
import type { ExpiringStore, Job } from "./types";

/** Every store whose rows (or files) die, as the composition root hands them over. */
export interface ExpiringStores {
  journeys: ExpiringStore;
  interactions: ExpiringStore;
  authorizationCodes: ExpiringStore;
  emailPasscodes: ExpiringStore;
  opSessions: ExpiringStore;
  refreshTokens: ExpiringStore;
  grants: ExpiringStore;
  rateLimitCounters: ExpiringStore;
  outbox: ExpiringStore;
  adminSessions: ExpiringStore;
  adminCeremonies: ExpiringStore;
  signUpFunnel: ExpiringStore;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * How long each kind is kept after it died, and why. What "dead" means is the store's business
 * (e.g. a grant is dead once revoked, or once no token of it can still be used).
 */
const POLICY: Record<keyof ExpiringStores, { keepSeconds: number; everySeconds: number; why: string }> = {
  // A person coming back to an expired page still gets "this sign-in expired", not "not found".
  journeys: { keepSeconds: DAY, everySeconds: HOUR, why: "expired journeys" },
  interactions: { keepSeconds: DAY, everySeconds: HOUR, why: "expired authorization requests" },
  // A late replay of a spent code is still recognised and revokes what it issued (RFC 9700 §4.2.1).
  authorizationCodes: { keepSeconds: DAY, everySeconds: HOUR, why: "expired authorization codes" },
  emailPasscodes: { keepSeconds: HOUR, everySeconds: HOUR, why: "expired one-time passcodes" },
  // Logout by sid (id_token_hint) still finds an ended session for a while.
  opSessions: { keepSeconds: DAY, everySeconds: HOUR, why: "expired or ended sign-in sessions" },
  refreshTokens: { keepSeconds: DAY, everySeconds: HOUR, why: "expired refresh tokens" },
  grants: { keepSeconds: DAY, everySeconds: HOUR, why: "revoked or spent grants" },
  rateLimitCounters: { keepSeconds: 0, everySeconds: 15 * 60, why: "ended rate-limit windows" },
  // The outbox is a development tool; its files hold passcodes, so they do not pile up for ever.
  outbox: { keepSeconds: DAY, everySeconds: HOUR, why: "development outbox messages" },
  // A dead portal session is refused when used; the row only waits to be swept.
  adminSessions: { keepSeconds: 0, everySeconds: HOUR, why: "expired admin portal sessions" },
  adminCeremonies: { keepSeconds: 0, everySeconds: HOUR, why: "abandoned admin sign-in steps and passkey challenges" },
  // The overview shows at most a quarter at once; thirteen months keep a year to compare with.
  signUpFunnel: { keepSeconds: 400 * DAY, everySeconds: DAY, why: "sign-up funnel history" },
};

const JOB_NAMES: Record<keyof ExpiringStores, string> = {
  journeys: "purge-journeys",
  interactions: "purge-interactions",
  authorizationCodes: "purge-authorization-codes",
  emailPasscodes: "purge-email-passcodes",
  opSessions: "purge-op-sessions",
  refreshTokens: "purge-refresh-tokens",
  grants: "purge-grants",
  rateLimitCounters: "purge-rate-limit-counters",
  outbox: "purge-outbox",
  adminSessions: "purge-admin-sessions",
  adminCeremonies: "purge-admin-ceremonies",
  signUpFunnel: "purge-sign-up-funnel",
};

/** One purge job per expiring store; `jobs run` prints the count per kind. */
export function expiryJobs(stores: ExpiringStores): Job[] {
  return (Object.keys(POLICY) as (keyof ExpiringStores)[]).map((kind) => ({
    ...purgeJob({
      name: JOB_NAMES[kind],
      kind,
      store: stores[kind],
      keepSeconds: POLICY[kind].keepSeconds,
      everySeconds: POLICY[kind].everySeconds,
    }),
    summary: `delete ${POLICY[kind].why} (kept ${describe(POLICY[kind].keepSeconds)} after they died)`,
  }));
}

const describe = (seconds: number) =>
  seconds === 0 ? "not at all" : seconds % DAY === 0 ? `${seconds / DAY} d` : `${seconds / HOUR} h`;
