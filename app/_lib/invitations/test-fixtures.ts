import { createDirectoryService, createMemoryDirectoryStore, type Actor, type ProvenIdentity } from "../directory";
import { tenantSchema, type Tenant } from "../tenant";
import type { InvitationMail } from "./contract";
import { createInvitationService } from "./service";
import { createMemoryInvitationStore } from "./testing/memory-store";

export const T = "woodgrove";
export const OTHER = "sparbanken";

export function tenantFixture(slug: string, invitations: Record<string, unknown> = {}): Tenant {
  return tenantSchema.parse({
    id: slug === T ? "0b0c0d0e-0000-4000-8000-000000000001" : "0b0c0d0e-0000-4000-8000-000000000002",
    slug,
    displayName: slug === T ? "Woodgrove Groceries" : "Sparbanken Norr",
    branding: {
      logo: "/logo.svg",
      logoAlt: "Logo",
      favicon: "/favicon.svg",
      primaryColor: "#1d6b3a",
      accentColor: "#c8e6b0",
      backgroundColor: "#f3f7f0",
    },
    locales: { enabled: ["en", "nl", "sv", "fr"], default: "en" },
    identityProviders: [{ kind: "email-otp", id: "email" }],
    invitations: { ...(slug === T ? { redirectAllowList: ["https://portal.woodgrove.example/partners"] } : {}), ...invitations },
  });
}

export const system: Actor = { type: "system", name: "cli" };
export const admin = (role: "globalAdministrator" | "userAdministrator" | "guestInviter" | "directoryReader"): Actor => ({
  type: "administrator",
  id: `admin-${role}`,
  role,
});
export const app = (...permissions: string[]): Actor => ({ type: "application", clientId: "graph-client", permissions });
export const inviter = app("User.Invite.All");

export const identity = (subject: string, extra: Partial<ProvenIdentity> = {}): ProvenIdentity => ({
  providerId: "google",
  issuer: "https://accounts.google.com",
  subject,
  emailVerified: false,
  ...extra,
});

/** An identity proven by a passcode to `address` (the journeys' issuer for them). */
export const EMAIL_PASSCODE = (address: string): ProvenIdentity => ({
  providerId: "email",
  issuer: "urn:guestgate:email-otp",
  subject: address,
  email: address,
  emailVerified: true,
});

/** The invitation service over in-memory directory and invitation stores, a settable clock and a mail spy. */
export function invitationBed(options: { tenants?: Tenant[] } = {}) {
  const tenants = options.tenants ?? [tenantFixture(T), tenantFixture(OTHER)];
  let now = new Date("2026-12-01T10:00:00Z");
  const clock = { now: () => now };
  const directoryStore = createMemoryDirectoryStore();
  const directory = createDirectoryService({ store: directoryStore, clock, cursorKey: new Uint8Array(32).fill(3) });
  const store = createMemoryInvitationStore();
  const mails: InvitationMail[] = [];
  let failMail = false;
  const invitations = createInvitationService({
    store,
    directory,
    tenants: { find: (slug) => tenants.find((t) => t.slug === slug), list: () => tenants },
    async applicationUrls(tenantId) {
      return tenantId === T
        ? { redirectUris: ["https://app.woodgrove.example/callback"], homePages: ["https://app.woodgrove.example/"] }
        : { redirectUris: ["https://bank.example/cb"], homePages: [] };
    },
    redeemUrl: (tenantId, ticket) => `https://id.example/${tenantId}/invite/${ticket}`,
    async send(mail) {
      if (failMail) throw new Error("SMTP down");
      mails.push(mail);
    },
    inviterName: async (actor) =>
      actor.type === "administrator" ? "Ada Admin" : actor.type === "application" ? "Partner portal" : null,
    clock,
  });
  const ticketOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
  return {
    invitations,
    directory,
    directoryStore,
    store,
    mails,
    ticketOf,
    setNow: (at: Date) => void (now = at),
    advanceDays: (days: number) => void (now = new Date(now.getTime() + days * 24 * 3600 * 1000)),
    failMail: (fail: boolean) => void (failMail = fail),
  };
}
