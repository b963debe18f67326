import type { ProvenIdentity } from "../../directory";
import type { Machine } from "../../machine";
import type { Locale } from "../../i18n";
import type { Tenant } from "../../tenant";
import type { UserFlow } from "../user-flows/types";
import type { JourneyEvent, JourneyEventType } from "./events";
import type { FunnelCounting } from "./funnel";
import type { Step, StepContext, StepResult } from "./step";
import type { JourneyCompletion, JourneyDeps, JourneyInternal, JourneyUi } from "./types";

/** How a journey of a kind is asked to start. */
export interface StartJourneyInput {
  kind: string;
  completion: JourneyCompletion;
  locale: Locale;
  /** The application whose user flow runs (sign-up: the one asking); a kind may choose it itself. */
  clientId?: string;
  /** The signed-in guest, for kinds that act on one (profile). */
  guestId?: string;
  /** The invitation's ticket, for the redemption kind (only its hash is kept). */
  ticket?: string;
  /** When what the journey completes expires: a journey never outlives it. */
  notAfter?: Date;
  /** Who is starting it (the client address), for the sign-up limits. */
  client?: string;
}

export interface BeginContext {
  tenant: Tenant;
  deps: JourneyDeps;
  input: StartJourneyInput;
  /** The id the journey will have (hooks correlate with it). */
  journeyId: string;
}

export type StartFailure =
  | "noUserFlow"
  | "flowDisabled"
  | "signInRequired"
  | "badCompletion"
  | "invitationExpired"
  | "invitationRevoked"
  | "invitationRedeemed"
  | "invitationUnknown";

/** What a kind decides when a journey starts: whose flow runs, and what the first page shows. */
export type BeginResult =
  | {
      ok: true;
      clientId: string;
      flow: UserFlow;
      ui?: Partial<JourneyUi>;
      internal?: Partial<JourneyInternal>;
      /** An event taken at once from the initial state (e.g. a hook refused before the first page). */
      event?: JourneyEvent;
    }
  | { ok: false; reason: StartFailure };

/**
 * A journey kind: its states and transitions (a machine, drawn beside it), the step that handles a
 * form in each state, what it completes, and how it begins. The engine runs any kind the same way:
 * load → bind → version → claim → step → machine → write guest → complete → store.
 */
export interface JourneyKind<S extends string = string> {
  readonly name: string;
  readonly machine: Machine<S, JourneyEventType>;
  readonly initial: S;
  readonly steps: Readonly<Partial<Record<S, Step>>>;
  /** The completion target this kind finishes. */
  readonly completes: JourneyCompletion["type"];
  /** If the kind federates: the state in which it waits for the upstream provider, and what a proven identity leads to. */
  readonly federation?: {
    readonly state: S;
    identified(context: StepContext, identity: ProvenIdentity): Promise<StepResult>;
  };
  /**
   * A redirect completion that signs the person in as well (an invitation's redemption): the
   * browser leaves with the OP session cookie, so the application it goes to authorizes silently.
   */
  readonly startsSession?: boolean;
  /** The kind acts on a signed-in guest: every request must come with that guest's live OP session. */
  readonly requiresSignedInGuest: boolean;
  /** The kind's journeys count in the sign-up funnel (admin overview): the marks each move makes. */
  readonly funnel?: FunnelCounting;
  begin(context: BeginContext): Promise<BeginResult>;
}

/** The kinds a deployment runs, by name: what `Journey.kind` is looked up in. */
export interface JourneyKinds {
  get(name: string): JourneyKind | undefined;
  names(): string[];
}

export function createJourneyKinds(kinds: readonly JourneyKind<string>[]): JourneyKinds {
  const byName = new Map<string, JourneyKind>();
  for (const kind of kinds) {
    if (byName.has(kind.name)) throw new Error(`two journey kinds are named "${kind.name}"`);
    if (!kind.machine.isState(kind.initial)) throw new Error(`journey kind "${kind.name}" starts in an unknown state`);
    byName.set(kind.name, kind as JourneyKind);
  }
  return { get: (name) => byName.get(name), names: () => [...byName.keys()] };
}
