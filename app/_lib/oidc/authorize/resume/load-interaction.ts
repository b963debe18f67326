import { pageError } from "../../errors";
import type { ResumeContext } from "./context";

const INTERACTION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The interaction exists in this tenant, has not expired and has not been resumed before; else our error page. */
export async function loadInteraction(ctx: ResumeContext): Promise<void> {
  const record = INTERACTION_ID.test(ctx.id) ? await ctx.p.repositories.interactions.find(ctx.id) : null;
  if (!record || record.tenantId !== ctx.tenant || record.consumedAt || record.expiresAt.getTime() <= ctx.now.getTime()) {
    throw pageError("interaction_expired", "invalid_request", "the interaction is unknown, used or expired");
  }
  ctx.interaction = record;
}
