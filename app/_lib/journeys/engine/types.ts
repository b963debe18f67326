import type { DirectoryService, ProvenIdentity } from "../../directory";
import type { Locale, MessageKey } from "../../i18n";
import type { Tenant } from "../../tenant";
import type { PasscodeDelivery, PasscodeService } from "../otp";
import type { SignUpLimiter } from "../sign-up-protection/limits";
import type { ProofOfWork } from "../sign-up-protection/proof-of-work";
import type { UserFlow } from "../user-flows/types";
import type { FunnelRecorder } from "../funnel/types";
import type { HookContext, JourneyHooks } from "./hooks";
import type { JourneyKinds } from "./kind";
import type { InvitationService } from "../../invitations";

/**
 * What the redemption journey needs of invitations: the ticket, the redemption (single use, with
 * proof of the invited address), and which application's user flow the invitation leads into.
 */
export type JourneyInvitations = Pick<InvitationService, "open" | "redeem" | "continueUrl"> & {
  /** The application whose redirect URI or home page `url` is, or undefined. */
  clientFor(tenantId: string, url: string): Promise<string | undefined>;
};

/** A message for the page as `{ id, context }`: only the page turns it into words (docs/ARCHITECTURE.md, "Journeys"). */
export interface UiMessage {
  id: MessageKey;
  context?: Record<string, string | number>;
}

/** What the page may show: never secrets, never upstream tokens. */
export interface JourneyUi {
  /** Messages above the form (e.g. "the provider did not answer"). */
  messages: UiMessage[];
  /** Messages next to a field, by field name. */
  fieldErrors: Record<string, UiMessage>;
  /** What the person typed (or what is stored, on a profile), to show in the form (never a passcode). */
  values: Record<string, string | string[]>;
  /** The address a passcode went to. */
  email?: string;
  /** Attributes to ask for on the attribute page; empty means all the flow's attributes. */
  attributes?: string[];
  /** The attribute page asks for the terms only (a returning guest, a new version of them): no attribute. */
  termsOnly?: boolean;
  /** Redemption: who invited (the name the invitation e-mail showed), or null for the tenant itself. */
  invitedBy?: string | null;
}

/** Server-side only: never rendered, never sent to the browser. */
export interface JourneyInternal {
  identity?: ProvenIdentity;
  guestId?: string;
  /** The upstream provider the person is federating with. */
  federatingWith?: string;
  /** How the person proved who they are (RFC 8176 values). */
  amr?: string[];
  /** Redemption: the invitation and its ticket's hash (the plain ticket is kept nowhere). */
  invitation?: { id: string; ticketHash: string; email: string };
  /** Redemption: how the invited address was proven; the ticket is spent with it only when the journey completes. */
  addressProof?: { kind: "passcode"; address: string } | { kind: "upstream" };
  /**
   * Sign-up: the journey started while its client or tenant was over the journeys-started limit
   * (ISO time the window ends). It still signs existing guests in; a new identity is told to wait.
   */
  signUpHeldUntil?: string;
  /**
   * Sign-up, `proofOfWork.mode: "aboveRate"`: one of the journey's counts reached its threshold,
   * so its passcode sends and sign-up form ask for a solved challenge from then on.
   */
  proofOfWorkRaised?: boolean;
}

/**
 * What a journey finishes: the OpenID provider's authorization request it was started for (sign-up
 * and sign-in), or a same-origin path of the tenant the browser returns to (profile edits, later
 * invitation redemption and access requests). Never a URL a request chose freely: no open redirect.
 */
export type JourneyCompletion = { type: "interaction"; interactionId: string } | { type: "redirect"; url: string };

export interface JourneyRecord {
  id: string;
  tenantId: string;
  /** The journey kind's name: picks the states, steps and completion (see JourneyKinds). */
  kind: string;
  /** A state of the kind's machine. */
  state: string;
  version: number;
  completion: JourneyCompletion;
  /** The application whose user flow the journey runs. */
  clientId: string;
  flowId: string;
  locale: Locale;
  /** SHA-256 of the nonce in the browser's journey cookie: the journey only answers the browser that started it. */
  bindingHash: string;
  ui: JourneyUi;
  internal: JourneyInternal;
  expiresAt: Date;
  createdAt: Date;
}

export interface JourneyRepository {
  create(journey: JourneyRecord): Promise<void>;
  find(id: string): Promise<JourneyRecord | null>;
  /** The newest unexpired journey that finishes this interaction (a reload of the interaction URL goes back to it). */
  findLiveForInteraction(tenantId: string, interactionId: string, now: Date): Promise<JourneyRecord | null>;
  /** Binds the journey to a new browser nonce, only if it is still at `version` (one conditional update). */
  rebind(id: string, version: number, bindingHash: string): Promise<boolean>;
  /**
   * Moves the journey from `version` to `version + 1` and stores the changes, only if it is still
   * at `version`: one conditional update, so two submissions of the same form cannot both win.
   */
  advance(id: string, version: number, changes: Pick<JourneyRecord, "state" | "ui" | "internal">): Promise<boolean>;
}

/** What the journey needs from the OpenID provider: finishing the authorization request it was started for. */
export interface SignInCompletion {
  /** Where the browser goes next, and the OP session cookie to set on the way. */
  complete(journey: JourneyRecord, interactionId: string, guestId: string): Promise<{ redirectTo: string; setCookies: string[] }>;
  /** The person gave up (or may not sign in): the application gets access_denied (RFC 6749 §4.1.2.1). */
  abort(journey: JourneyRecord, interactionId: string): Promise<{ redirectTo: string }>;
  /** When the authorization request expires, or undefined when it no longer waits (expired, answered). */
  expiresAt(tenantId: string, interactionId: string): Promise<Date | undefined>;
  /**
   * A sign-in without an authorization request (a redemption ends at a page): starts or extends
   * the browser's OP session, and answers the cookies to set (see JourneyKind.startsSession).
   */
  startSession?(journey: JourneyRecord, guestId: string): Promise<string[]>;
}

/** My Access for people not yet in the directory (the myAccess kind's `identified` end). */
export interface MyAccessOutsiderPort {
  /** Whether a user of the directory has this address (in any state): they are never an outsider. */
  addressTaken(tenantId: string, email: string): Promise<boolean>;
  /** Starts the My Access outsider session of the journey's proven identity; answers the cookies to set. */
  startSession(journey: JourneyRecord): Promise<string[]>;
}

/**
 * The directory verbs a journey uses, shaped like the directory service (service-contract.ts), so
 * the real service plugs in unchanged. Changes carry the guest as actor: they audit as self-service.
 */
export type JourneyDirectory = Pick<
  DirectoryService,
  "findByIdentity" | "get" | "signUp" | "updateAttributes" | "recordSignIn" | "acceptTerms"
>;

export interface AdminSignInPort {
  /** Whether the application asking is the tenant's admin portal (its journeys are admin sign-ins). */
  isPortalClient(tenantId: string, clientId: string): boolean;
  resolve(tenantId: string, identity: ProvenIdentity): Promise<{ ok: true; memberId: string } | { ok: false }>;
}

export interface JourneyDeps {
  journeys: JourneyRepository;
  /** The kinds this deployment runs; a journey's `kind` picks one. */
  kinds: JourneyKinds;
  directory: JourneyDirectory;
  /** Code that may continue, change or stop a journey at its named points (API connectors). Default: none. */
  hooks: JourneyHooks;
  /** Counts sign-up journeys' steps for the admin overview; without it nothing is counted. */
  funnel?: FunnelRecorder;
  passcodes: PasscodeService;
  /** Sends a passcode e-mail in the journey's language, with the tenant's branding. */
  sendPasscode(tenant: Tenant, locale: Locale, delivery: PasscodeDelivery): Promise<unknown>;
  /**
   * A custom authentication extension of the flow that sends the passcode itself (OnOtpSend):
   * "sent" when it did, "mail" when Guestgate's own e-mail goes out (none attached, or its failure
   * path falls back); throws when neither may happen. Absent: always the e-mail.
   */
  deliverPasscode?(context: Omit<HookContext, "point">, delivery: PasscodeDelivery): Promise<"sent" | "mail">;
  flowFor(tenantId: string, clientId: string): Promise<UserFlow | undefined>;
  signIn: SignInCompletion;
  /** Invitations, for the redemption journey (absent: that kind cannot start). */
  invitations?: JourneyInvitations;
  /**
   * Whether the tenant takes self-service sign-ups now: the portal's stored setting, else the
   * tenants file's `selfServiceSignUp.enabled` (the default when not wired).
   */
  selfServiceSignUp?(tenant: Tenant): Promise<boolean>;
  /** The approval queue: told when a journey created a guest that waits (its approvers are mailed). */
  signUpApprovals?: { announce(tenantId: string, guestId: string): Promise<void> };
  /**
   * The ids of the tenant's `configured` connected organisations with this e-mail domain among their
   * domain identity sources (the approval queue's autoApproveConnectedOrganizations). Absent: none.
   */
  connectedOrganizationsOfDomain?(tenantId: string, domain: string): Promise<readonly string[]>;
  /** The sign-up limits (tenants[].signUpProtection.limits); without it nothing is counted. */
  signUpLimits?: SignUpLimiter;
  /** The proof-of-work challenge (tenants[].signUpProtection.proofOfWork); without it no step asks for one. */
  proofOfWork?: ProofOfWork;
  /** The admin portal's sign-in: who a proven identity signs in as (an active Member holding a role), or a refusal. */
  administrators?: AdminSignInPort;
  /** Absent: My Access refuses every address no directory user signs in with. */
  myAccessOutsiders?: MyAccessOutsiderPort;
  /** The providers of this tenant that can be offered now (configured and with their secret set). */
  availableProviders(tenant: Tenant): readonly string[];
  /** Cookies get `Secure` when the site is served over https. */
  secureCookies: boolean;
  now(): Date;
  randomToken(): string;
  sha256(value: string): string;
}

/** A new journey's tie to this browser: the route sets it as the journey cookie. */
export interface JourneyBinding {
  tenantId: string;
  journeyId: string;
  nonce: string;
  /** Seconds until the journey expires: the cookie lives no longer. */
  maxAgeSeconds: number;
}

/** What the route does after a submission. */
export type JourneyOutcome =
  /** `state`: the step to show, whose own address the browser is sent to (engine/step-path.ts). */
  | { kind: "show"; journeyId: string; state?: string; binding?: JourneyBinding }
  | { kind: "redirect"; to: string; setCookies?: string[] }
  | { kind: "federate"; journeyId: string; providerId: string; binding?: JourneyBinding }
  /** The kind needs a signed-in guest and this browser's session is not (or no longer) theirs. */
  | { kind: "signInRequired" }
  | { kind: "notFound" }
  | { kind: "forbidden" }
  | { kind: "gone" }
  /** Sign-up only: over a limit; the route answers 429 with Retry-After and a page saying when to try again. */
  | { kind: "tooMany"; journeyId: string; retryAfterSeconds: number };
