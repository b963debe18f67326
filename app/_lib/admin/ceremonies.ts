/**
 * Short-lived, single-use state of a portal sign-in step, kept on the server: the OpenID request
 * (state, nonce, PKCE verifier, where to return) or a WebAuthn challenge. The browser holds only a
 * random token in a cookie; the row is found by its hash and taken once (one conditional delete),
 * so a replayed callback or assertion finds nothing.
 */
export type AdminCeremonyKind = "oidc" | "passkeyRegistration" | "passkeyAuthentication";

export interface AdminCeremonyStore {
  create(row: { idHash: string; tenantId: string; kind: AdminCeremonyKind; data: string; expiresAt: Date }): Promise<void>;
  /** Deletes and returns the row's data if it is this tenant's, of this kind, and not expired. */
  take(tenantId: string, idHash: string, kind: AdminCeremonyKind, now: Date): Promise<string | undefined>;
  deleteExpired(before: Date, limit: number): Promise<number>;
}

export interface AdminCeremonies {
  begin(tenantId: string, kind: AdminCeremonyKind, data: Record<string, unknown>, ttlSeconds: number): Promise<string>;
  take<T extends Record<string, unknown>>(
    tenantId: string,
    kind: AdminCeremonyKind,
    token: string | undefined,
  ): Promise<T | undefined>;
}

export function createAdminCeremonies(deps: {
  store: AdminCeremonyStore;
  randomToken: () => string;
  sha256: (value: string) => string;
  now: () => Date;
}): AdminCeremonies {
  return {
    async begin(tenantId, kind, data, ttlSeconds) {
      const token = deps.randomToken();
      const expiresAt = new Date(deps.now().getTime() + ttlSeconds * 1000);
      await deps.store.create({ idHash: deps.sha256(token), tenantId, kind, data: JSON.stringify(data), expiresAt });
      return token;
    },
    async take(tenantId, kind, token) {
      if (!token || token.length > 200) return undefined;
      const data = await deps.store.take(tenantId, deps.sha256(token), kind, deps.now());
      if (data === undefined) return undefined;
      try {
        return JSON.parse(data);
      } catch {
        return undefined;
      }
    },
  };
}
