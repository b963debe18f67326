import type { FunnelMark } from "../funnel/types";
import type { JourneyEvent } from "./events";
import type { JourneyKind } from "./kind";
import type { JourneyDeps, JourneyInternal, JourneyRecord } from "./types";

/** One move of a journey, as a kind that counts in the sign-up funnel reads it. */
export interface FunnelPassage {
  from: string;
  event: JourneyEvent;
  internal: JourneyInternal;
  /** The move wrote a new guest (not a returning one). */
  created: boolean;
}

/** A kind that counts in the sign-up funnel says which marks each of its moves makes. */
export interface FunnelCounting {
  marks(passage: FunnelPassage): FunnelMark[];
}

/**
 * Tells the funnel, for kinds that count in it. Called only after the journey's claimed version
 * (or its creation) is stored, so a step that ran once is counted once.
 */
export async function recordFunnel(
  deps: JourneyDeps,
  kind: JourneyKind,
  journey: JourneyRecord,
  marks: readonly FunnelMark[],
): Promise<void> {
  if (!deps.funnel || !kind.funnel || marks.length === 0) return;
  await deps.funnel.record(journey, marks);
}
