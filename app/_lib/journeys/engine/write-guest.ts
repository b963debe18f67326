import {
  displayNameFor,
  type GuestActor,
  type GuestSummary,
  type ProvenIdentity,
  type SelfServiceSignUp,
  type StoredAttributes,
} from "../../directory";
import type { SignUpApprovalSettings, UserFlow } from "../user-flows/types";
import { attributesFor } from "../user-flows/visible-attributes";
import { runHooks, type HookContext } from "./hooks";
import type { GuestWrite, StepContext } from "./step";
import type { JourneyInternal, UiMessage } from "./types";

export type WrittenGuest =
  | { ok: true; guest: GuestSummary; created: boolean }
  | { ok: false; refused: UiMessage }
  | { ok: false; blocked: true }
  | { ok: false; pendingApproval: true; created: boolean };

/**
 * The one place a journey writes a guest: a new guest is signed up (guest, identity, attributes and
 * its audit event, in one transaction), a known one gets its attributes updated with itself as the
 * actor. beforeGuestWritten may change the values or stop; afterGuestWritten may stop before completion.
 */
export async function writeGuest(context: StepContext, internal: JourneyInternal, write: GuestWrite): Promise<WrittenGuest> {
  const { journey, tenant, flow, deps } = context;
  const identity = internal.identity;
  const existing = internal.guestId ? await deps.directory.get(self(internal.guestId), tenant.slug, internal.guestId) : null;
  const hookContext = hookContextOf(context);
  const before = await runHooks(
    deps.hooks,
    "beforeGuestWritten",
    hookContext,
    { identity, guest: existing, attributes: write.attributes },
    flowAttributeNames(flow, journey.clientId),
  );
  if (before.blocked) return { ok: false, refused: before.blocked };
  const attributes = before.input.attributes;

  let guest: GuestSummary;
  let created = false;
  if (existing) {
    guest = await update(context, existing, attributes, identity, write.remove);
  } else {
    if (!identity) throw new Error("a journey can only create a guest for a proven identity");
    const signedUp = await deps.directory.signUp({
      tenantId: tenant.slug,
      identity,
      attributes,
      displayName: displayNameFor(attributes, identity),
      userFlowName: flow.name,
      clientId: journey.clientId,
      correlationId: journey.id,
      ...(flow.signUpApproval
        ? {
            approval: await approvalFor(flow.signUpApproval, identity, journey.locale, deps.now(), (domain) =>
              deps.connectedOrganizationsOfDomain
                ? deps.connectedOrganizationsOfDomain(tenant.slug, domain)
                : Promise.resolve([]),
            ),
          }
        : {}),
      ...(write.termsVersion ? { termsVersion: write.termsVersion } : {}),
    });
    created = signedUp.created;
    if (signedUp.guest.state === "pendingApproval") {
      if (created) await deps.signUpApprovals?.announce(tenant.slug, signedUp.guest.id);
      return { ok: false, pendingApproval: true, created };
    }
    // A double submit or a second tab got there first: same person, so their typed values still count.
    guest = created ? signedUp.guest : await update(context, signedUp.guest, attributes, identity);
  }
  // A returning guest who accepted a newer version of the terms (a new guest's came with the sign-up).
  if (write.termsVersion && guest.termsAccepted?.version !== write.termsVersion && (existing || !created))
    guest = await deps.directory.acceptTerms(self(guest.id), tenant.slug, guest.id, {
      version: write.termsVersion,
      correlationId: journey.id,
    });
  if (guest.state !== "active") return { ok: false, blocked: true };

  const after = await runHooks(deps.hooks, "afterGuestWritten", hookContext, { guest, created });
  if (after.blocked) return { ok: false, refused: after.blocked };
  return { ok: true, guest, created };
}

async function update(
  { journey, tenant, deps }: StepContext,
  guest: GuestSummary,
  values: StoredAttributes,
  identity: ProvenIdentity | undefined,
  remove: readonly string[] = [],
): Promise<GuestSummary> {
  const removed = remove.filter((name) => !(name in values));
  if (Object.keys(values).length === 0 && removed.length === 0) return guest;
  const kept = Object.fromEntries(Object.entries(guest.attributes).filter(([name]) => !removed.includes(name)));
  const displayName = displayNameFor({ ...kept, ...values }, identity ?? NO_IDENTITY);
  return deps.directory.updateAttributes(self(guest.id), tenant.slug, guest.id, {
    values,
    ...(removed.length ? { remove: removed } : {}),
    ...(displayName !== guest.displayName ? { displayName } : {}),
    correlationId: journey.id,
  });
}

/**
 * A new guest of a flow with an approval queue waits, unless the identity provider vouched for an
 * address of one of the flow's auto-approve domains, or of a domain of a configured connected
 * organisation the flow trusts (a passcode proves the address; an upstream's unverified e-mail
 * proves nothing). An undecided request lapses after autoDenyAfterDays.
 */
export async function approvalFor(
  settings: SignUpApprovalSettings,
  identity: ProvenIdentity,
  locale: string,
  now: Date,
  /** The ids of the tenant's configured connected organisations with this domain. */
  organizationsOfDomain: (domain: string) => Promise<readonly string[]>,
): Promise<NonNullable<SelfServiceSignUp["approval"]>> {
  const domain = identity.email?.trim().toLowerCase().split("@").at(-1);
  if (identity.emailVerified && domain) {
    if (settings.autoApproveDomains.includes(domain)) return { pending: false, autoApproved: "domain" };
    const trusted = settings.autoApproveConnectedOrganizations;
    if (trusted === true || (Array.isArray(trusted) && trusted.length > 0)) {
      const organizations = await organizationsOfDomain(domain);
      if (organizations.some((id) => trusted === true || (trusted as readonly string[]).includes(id)))
        return { pending: false, autoApproved: "connectedOrganization" };
    }
  }
  const days = settings.autoDenyAfterDays;
  return { pending: true, locale, ...(days ? { autoDenyAt: new Date(now.getTime() + days * 86_400_000) } : {}) };
}

/** For a profile edit: nothing the identity provider said, only what the guest typed, names the guest. */
const NO_IDENTITY: ProvenIdentity = { providerId: "", issuer: "", subject: "", emailVerified: false };

/** A journey only ever acts as the guest it is about: self-service, audited as such. */
export function self(guestId: string): GuestActor {
  return { type: "guest", guestId };
}

export function hookContextOf({ journey, flow, client }: StepContext): Omit<HookContext, "point"> {
  return {
    client,
    tenantId: journey.tenantId,
    journeyId: journey.id,
    kind: journey.kind,
    clientId: journey.clientId,
    flowName: flow.name,
    locale: journey.locale,
  };
}

/** The names a hook may set: the attributes the flow collects for this application. */
export function flowAttributeNames(flow: UserFlow, clientId: string): ReadonlySet<string> {
  return new Set(
    attributesFor(flow, { appId: clientId })
      .filter((attribute) => attribute.definition.source === "user")
      .map((attribute) => attribute.definition.name),
  );
}
