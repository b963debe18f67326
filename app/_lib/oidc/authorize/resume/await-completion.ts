import { redirect } from "../../web/responses";
import type { ResumeContext } from "./context";

/** Back to the interaction page while the journey has not finished it (a reload, or the back button). */
export function awaitCompletion(ctx: ResumeContext): Response | void {
  const interaction = ctx.interaction!;
  if (!interaction.completedAt || !interaction.result) return redirect(ctx.urls.interaction(ctx.id), 302);
}
