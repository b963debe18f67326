import type { ProvenIdentity } from "../../directory";
import type { JourneyKind } from "../engine/kind";
import type { StepContext, StepResult } from "../engine/step";
import { checkPasscode } from "../signup/steps/enter-code";
import { enterEmail } from "../signup/steps/enter-email";
import { myAccessClientId, myAccessPath, myAccessUserFlow } from "./flow";
import { myAccessMachine, type MyAccessState } from "./machine";

export const MY_ACCESS_KIND = "myAccess";

/**
 * Signing in to My Access (/{tenant}/myaccess): prove an address with the passcode, then the
 * browser gets Guestgate's own OP session as the active directory user of that identity and goes
 * back to the My Access page it came from. An address no one in the directory has (neither as the
 * identity nor as an address) ends identified: a My Access outsider session of the proven identity,
 * with which they may request packages open to people outside the directory. Nobody is created
 * here (access packages create guests only when they deliver); anyone else is refused.
 */
export const myAccessKind: JourneyKind<MyAccessState> = {
  name: MY_ACCESS_KIND,
  machine: myAccessMachine,
  initial: "enterEmail",
  steps: { enterEmail, enterCode: (context) => checkPasscode(context, directoryUserIdentified) },
  completes: "redirect",
  startsSession: true,
  requiresSignedInGuest: false,
  async begin({ tenant, input }) {
    // The completion is a My Access path of this tenant (its query, such as ?policy=, may follow).
    const target = input.completion.type === "redirect" ? input.completion.url.split("?")[0]! : "";
    const home = myAccessPath(tenant.slug);
    if (target !== home && !target.startsWith(`${home}/`)) return { ok: false, reason: "badCompletion" };
    const clientId = myAccessClientId(tenant.slug);
    const flow = myAccessUserFlow(tenant, clientId);
    const passcode = flow.identityProviders[0];
    if (!passcode) return { ok: false, reason: "noUserFlow" };
    return { ok: true, clientId, flow, internal: { federatingWith: passcode } };
  },
};

async function directoryUserIdentified(context: StepContext, identity: ProvenIdentity, amr: string[]): Promise<StepResult> {
  const { deps, tenant } = context;
  const user = await deps.directory.findByIdentity(tenant.slug, identity);
  const internal = { identity, amr };
  const refused: StepResult = { event: { type: "refused" }, ui: { messages: [{ id: "myAccess.signIn.unknown" }] }, internal };
  if (user)
    return user.state === "active" ? { event: { type: "guestReady" }, internal: { ...internal, guestId: user.id } } : refused;
  // Never signed in by address alone: a directory user holding the address (blocked, invited, or
  // signing in another way) is refused rather than treated as someone outside the directory.
  const email = identity.email;
  if (!email || !deps.myAccessOutsiders || (await deps.myAccessOutsiders.addressTaken(tenant.slug, email))) return refused;
  return { event: { type: "outsiderIdentified" }, internal };
}
