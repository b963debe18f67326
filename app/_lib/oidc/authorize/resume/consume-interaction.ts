import { pageError } from "../../errors";
import type { InteractionResult, StoredRequest } from "../../interaction/interaction";
import type { ResumeContext } from "./context";

/**
 * Marks the interaction used with one conditional update, so it issues at most one code even when
 * two requests race, and restores the stored request and the journey's result. Everything after this
 * runs on a consumed interaction: a refused resume cannot be retried.
 */
export async function consumeInteraction(ctx: ResumeContext): Promise<void> {
  const interaction = ctx.interaction!;
  if (!(await ctx.p.repositories.interactions.consume(interaction.id, ctx.now))) {
    throw pageError("interaction_expired", "invalid_request", "the interaction was already used");
  }
  const snapshot = JSON.parse(interaction.request) as StoredRequest;
  ctx.authorization = snapshot;
  // Validated by authorize before it was stored; echoed with the answer (RFC 6749 §4.1.2).
  ctx.state = snapshot.state;
  ctx.result = JSON.parse(interaction.result!) as InteractionResult;
}
