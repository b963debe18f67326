import { isDirectoryError } from "../../directory";
import { formValuesOf, startAttributeCollection, submitAttributes } from "../engine/attributes";
import { runHooks } from "../engine/hooks";
import type { JourneyKind } from "../engine/kind";
import type { UiMessage } from "../engine/types";
import { flowAttributeNames, self } from "../engine/write-guest";
import { profileMachine, type ProfileState } from "./machine";

export const PROFILE_KIND = "profile";

/**
 * "Update my profile": a guest signed in at Guestgate (its own OP session) edits the attributes the
 * user flow of the application they signed up through collects for that application; the change
 * is written with the guest as actor (audited) and the browser returns to a path of the tenant.
 * Every request must come with that guest's live session (requiresSignedInGuest).
 */
export const profileKind: JourneyKind<ProfileState> = {
  name: PROFILE_KIND,
  machine: profileMachine,
  initial: "editAttributes",
  steps: { editAttributes: (context) => submitAttributes(context) },
  completes: "redirect",
  requiresSignedInGuest: true,
  async begin({ tenant, deps, input, journeyId }) {
    if (!input.guestId) return { ok: false, reason: "signInRequired" };
    let guest;
    try {
      guest = await deps.directory.get(self(input.guestId), tenant.slug, input.guestId);
    } catch (error) {
      if (isDirectoryError(error) && error.code === "notFound") return { ok: false, reason: "signInRequired" };
      throw error;
    }
    const clientId = guest.signedUpVia?.clientId;
    const flow = clientId ? await deps.flowFor(tenant.slug, clientId) : undefined;
    if (!clientId || !flow) return { ok: false, reason: "noUserFlow" };
    const found = { ok: true as const, clientId, flow, internal: { guestId: guest.id } };
    const refuse = (message: UiMessage) => ({ ...found, event: { type: "refused" as const }, ui: { messages: [message] } });
    if (guest.state !== "active") return refuse({ id: "account.profile.notActive" });

    const context = { tenantId: tenant.slug, journeyId, kind: PROFILE_KIND, clientId, flowName: flow.name, locale: input.locale };
    // The live OP session of this guest is the identity proof here.
    const proof = await runHooks(deps.hooks, "afterIdentityProof", context, { guest });
    if (proof.blocked) return refuse(proof.blocked);
    const started = await startAttributeCollection(deps.hooks, context, flowAttributeNames(flow, clientId), {
      guest,
      attributes: [],
      prefill: formValuesOf(guest.attributes),
    });
    if (started.blocked) return refuse(started.blocked);
    return { ...found, ui: { values: started.prefill } };
  },
};
