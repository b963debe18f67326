import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { AuditEventInput } from "../directory";
import type { AdminCeremonies } from "./ceremonies";

export interface PasskeyRecord {
  id: string;
  tenantId: string;
  memberId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface PasskeyStore {
  list(tenantId: string, memberId: string): Promise<PasskeyRecord[]>;
  findByCredentialId(tenantId: string, credentialId: string): Promise<PasskeyRecord | undefined>;
  create(record: Omit<PasskeyRecord, "id" | "createdAt" | "lastUsedAt">, audit: AuditEventInput): Promise<PasskeyRecord>;
  /** Removes the member's passkey (another member's is "absent"), with its audit event. */
  remove(tenantId: string, memberId: string, id: string, audit: AuditEventInput): Promise<boolean>;
  /** After an assertion: the authenticator's new counter and when it was used. */
  used(id: string, counter: number, at: Date, audit: AuditEventInput): Promise<void>;
}

/** Where the ceremonies happen: RP ID is GUESTGATE_BASE_URL's host, the origin its origin (WebAuthn §5.1.3 step 9, §7.1 step 9). */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyOf(baseUrl: string, name: string): RelyingParty {
  const url = new URL(baseUrl);
  return { id: url.hostname, origin: url.origin, name };
}

const CEREMONY_SECONDS = 5 * 60;
const MAX_PASSKEYS = 20;

export type PasskeyProblem = "expired" | "notVerified" | "unknownCredential" | "tooMany" | "invalidName";

export class PasskeyError extends Error {
  override readonly name = "PasskeyError";
  constructor(readonly code: PasskeyProblem) {
    super(`passkey ceremony failed: ${code}`);
  }
}

/** Whether `error` is a PasskeyError, by name (see isRoleChangeError for why not `instanceof`). */
export function isPasskeyError(error: unknown): error is PasskeyError {
  return error instanceof Error && error.name === "PasskeyError" && typeof (error as PasskeyError).code === "string";
}

export interface PasskeyService {
  list(tenantId: string, memberId: string): Promise<PasskeyRecord[]>;
  registrationOptions(
    rp: RelyingParty,
    member: { tenantId: string; id: string; email?: string; displayName?: string },
  ): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; ceremony: string }>;
  register(
    rp: RelyingParty,
    input: { tenantId: string; memberId: string; ceremony: string | undefined; response: RegistrationResponseJSON; name: string },
  ): Promise<PasskeyRecord>;
  /** Options for an assertion; with a member, only their passkeys (the second step), else any discoverable one. */
  authenticationOptions(
    rp: RelyingParty,
    tenantId: string,
    memberId?: string,
  ): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; ceremony: string }>;
  /** The member whose passkey signed the challenge, with the RFC 8176 method: `hwk` (user verified) or `swk`. */
  authenticate(
    rp: RelyingParty,
    input: { tenantId: string; ceremony: string | undefined; response: AuthenticationResponseJSON },
  ): Promise<{ memberId: string; amr: string }>;
  remove(tenantId: string, memberId: string, id: string): Promise<boolean>;
}

export function createPasskeyService(deps: {
  store: PasskeyStore;
  ceremonies: AdminCeremonies;
  now: () => Date;
}): PasskeyService {
  const { store, ceremonies } = deps;
  const actorOf = (memberId: string) => ({ type: "guest" as const, guestId: memberId });
  return {
    list: (tenantId, memberId) => store.list(tenantId, memberId),
    async registrationOptions(rp, member) {
      const existing = await store.list(member.tenantId, member.id);
      if (existing.length >= MAX_PASSKEYS) throw new PasskeyError("tooMany");
      const options = await generateRegistrationOptions({
        rpName: rp.name,
        rpID: rp.id,
        userName: member.email ?? member.id,
        userDisplayName: member.displayName ?? member.email ?? "",
        userID: new TextEncoder().encode(member.id),
        attestationType: "none",
        excludeCredentials: existing.map((key) => ({
          id: key.credentialId,
          transports: key.transports as AuthenticatorTransportFuture[],
        })),
        // A discoverable credential, so "Sign in with a passkey" needs no address first.
        authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
      });
      const ceremony = await ceremonies.begin(
        member.tenantId,
        "passkeyRegistration",
        { challenge: options.challenge, memberId: member.id },
        CEREMONY_SECONDS,
      );
      return { options, ceremony };
    },
    async register(rp, { tenantId, memberId, ceremony, response, name }) {
      const trimmed = name.trim();
      if (trimmed.length === 0 || trimmed.length > 60) throw new PasskeyError("invalidName");
      const state = await ceremonies.take<{ challenge: string; memberId: string }>(tenantId, "passkeyRegistration", ceremony);
      if (!state || state.memberId !== memberId) throw new PasskeyError("expired");
      const verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: state.challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: false,
      }).catch(() => undefined);
      if (!verification?.verified) throw new PasskeyError("notVerified");
      const { credential } = verification.registrationInfo;
      return store.create(
        {
          tenantId,
          memberId,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString("base64url"),
          counter: credential.counter,
          transports: credential.transports ?? [],
          name: trimmed,
        },
        { tenantId, type: "passkey.registered", actor: actorOf(memberId), target: { type: "guest", id: memberId } },
      );
    },
    async authenticationOptions(rp, tenantId, memberId) {
      const keys = memberId ? await store.list(tenantId, memberId) : [];
      const options = await generateAuthenticationOptions({
        rpID: rp.id,
        userVerification: "preferred",
        ...(memberId
          ? {
              allowCredentials: keys.map((key) => ({
                id: key.credentialId,
                transports: key.transports as AuthenticatorTransportFuture[],
              })),
            }
          : {}),
      });
      const ceremony = await ceremonies.begin(
        tenantId,
        "passkeyAuthentication",
        { challenge: options.challenge, ...(memberId ? { memberId } : {}) },
        CEREMONY_SECONDS,
      );
      return { options, ceremony };
    },
    async authenticate(rp, { tenantId, ceremony, response }) {
      const state = await ceremonies.take<{ challenge: string; memberId?: string }>(tenantId, "passkeyAuthentication", ceremony);
      if (!state) throw new PasskeyError("expired");
      const key = typeof response?.id === "string" ? await store.findByCredentialId(tenantId, response.id) : undefined;
      if (!key || (state.memberId && key.memberId !== state.memberId)) throw new PasskeyError("unknownCredential");
      const verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: state.challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        credential: {
          id: key.credentialId,
          publicKey: new Uint8Array(Buffer.from(key.publicKey, "base64url")),
          counter: key.counter,
          transports: key.transports as AuthenticatorTransportFuture[],
        },
        requireUserVerification: false,
      }).catch(() => undefined);
      if (!verification?.verified) throw new PasskeyError("notVerified");
      await store.used(key.id, verification.authenticationInfo.newCounter, deps.now(), {
        tenantId,
        type: "passkey.used",
        actor: actorOf(key.memberId),
        target: { type: "guest", id: key.memberId },
      });
      return { memberId: key.memberId, amr: verification.authenticationInfo.userVerified ? "hwk" : "swk" };
    },
    remove: (tenantId, memberId, id) =>
      store.remove(tenantId, memberId, id, {
        tenantId,
        type: "passkey.removed",
        actor: actorOf(memberId),
        target: { type: "guest", id: memberId },
      }),
  };
}
