import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { LIFETIMES } from "../constants";
import type { AuditEventInput } from "../../directory";
import type { Clock, SigningAlgorithm, SigningKeyRecord, SigningKeyRepository } from "../ports";
import { decryptPrivateKey, encryptPrivateKey } from "./kek";

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
}

export interface KeyStore {
  /** The tenant's active key for alg, generated on first use. */
  signingKey(tenant: string, alg: SigningAlgorithm): Promise<SigningKey>;
  /** Public key by kid among the published keys (active and recently retired); undefined if unknown. */
  verificationKey(tenant: string, kid: string): Promise<{ alg: SigningAlgorithm; key: CryptoKey } | undefined>;
  /** The JWKS document (RFC 7517 §5): active keys and keys retired within the grace period. */
  jwks(tenant: string): Promise<{ keys: JWK[] }>;
  /** The same, serialized once per load of the tenant's keys (a rotation here reloads at once). */
  jwksText(tenant: string): Promise<string>;
  /**
   * New active keys for every algorithm; the old ones stay published for the grace period. `audit`
   * makes the event recorded with each new key, in the same transaction.
   */
  rotate(
    tenant: string,
    audit?: (key: { kid: string; alg: SigningAlgorithm }) => AuditEventInput,
  ): Promise<{ kid: string; alg: SigningAlgorithm }[]>;
}

export const ALGORITHMS: readonly SigningAlgorithm[] = ["RS256", "ES256"];

interface TenantKeys {
  loadedAt: number;
  records: SigningKeyRecord[];
  privateKeys: Map<string, Promise<CryptoKey>>;
  publicKeys: Map<string, Promise<CryptoKey>>;
  jwksText?: string;
}

/**
 * Keys per tenant, cached per process for LIFETIMES.keyCache so that a rotation on another
 * instance is picked up soon; an unknown kid reloads at once. Lazy creation is race-safe: the
 * repository accepts one active key per tenant and algorithm, and a loser re-reads the winner's.
 */
export function createKeyStore(deps: {
  repository: SigningKeyRepository;
  kek: Uint8Array | undefined;
  clock: Clock;
  /** LIFETIMES.keyCache when unset. */
  cacheSeconds?: number;
}): KeyStore {
  const cacheMs = (deps.cacheSeconds ?? LIFETIMES.keyCache) * 1000;
  const cache = new Map<string, TenantKeys>();
  const inflight = new Map<string, Promise<TenantKeys>>();

  const UNKNOWN_KID_RELOAD_MS = 10_000;

  async function load(tenant: string, fresh = false): Promise<TenantKeys> {
    const cached = cache.get(tenant);
    if (!fresh && cached && deps.clock.now().getTime() - cached.loadedAt < cacheMs) return cached;
    let pending = inflight.get(tenant);
    if (!pending) {
      pending = deps.repository
        .list(tenant)
        .then((records) => {
          // A kid is its key's thumbprint: keys imported before stay valid across reloads, so a
          // short cache period costs one query per tenant per period, not a decryption and import.
          const previous = cache.get(tenant);
          const kept = (imported: Map<string, Promise<CryptoKey>> | undefined) =>
            new Map([...(imported ?? [])].filter(([kid]) => records.some((r) => r.kid === kid)));
          const entry: TenantKeys = {
            loadedAt: deps.clock.now().getTime(),
            records,
            privateKeys: kept(previous?.privateKeys),
            publicKeys: kept(previous?.publicKeys),
          };
          cache.set(tenant, entry);
          return entry;
        })
        .finally(() => inflight.delete(tenant));
      inflight.set(tenant, pending);
    }
    return pending;
  }

  const active = (entry: TenantKeys, alg: SigningAlgorithm) => entry.records.find((r) => r.alg === alg && r.state === "active");

  async function newKey(tenant: string, alg: SigningAlgorithm) {
    const { publicKey, privateKey } = await generateKeyPair(alg, {
      extractable: true,
      ...(alg === "RS256" ? { modulusLength: 2048 } : {}),
    });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk, "sha256");
    const privateJwk = await exportJWK(privateKey);
    return {
      tenantId: tenant,
      kid,
      alg,
      publicJwk: { ...publicJwk, kid, alg, use: "sig" } as JsonWebKey,
      privateJwkEncrypted: encryptPrivateKey(deps.kek, kid, JSON.stringify(privateJwk)),
      activatedAt: deps.clock.now(),
    };
  }

  function privateKeyOf(entry: TenantKeys, record: SigningKeyRecord): Promise<CryptoKey> {
    let key = entry.privateKeys.get(record.kid);
    if (!key) {
      const jwk = JSON.parse(decryptPrivateKey(deps.kek, record.kid, record.privateJwkEncrypted)) as JWK;
      key = importJWK(jwk, record.alg) as Promise<CryptoKey>;
      entry.privateKeys.set(record.kid, key);
    }
    return key;
  }

  function published(entry: TenantKeys): SigningKeyRecord[] {
    const cutoff = deps.clock.now().getTime() - LIFETIMES.retiredKeyGrace * 1000;
    return entry.records.filter((r) => r.state === "active" || (r.retiredAt && r.retiredAt.getTime() > cutoff));
  }

  return {
    async signingKey(tenant, alg) {
      let entry = await load(tenant);
      let record = active(entry, alg);
      if (!record) {
        await deps.repository.insertActive(await newKey(tenant, alg));
        entry = await load(tenant, true);
        record = active(entry, alg);
        if (!record) throw new Error(`no active ${alg} key for tenant ${tenant}`);
      }
      return { kid: record.kid, alg, privateKey: await privateKeyOf(entry, record) };
    },

    async verificationKey(tenant, kid) {
      let entry = await load(tenant);
      let record = published(entry).find((r) => r.kid === kid);
      // An unknown kid may be a key another instance just made: look again, but at most once per
      // UNKNOWN_KID_RELOAD_MS per tenant, so tokens with made-up kids cannot drive a query each.
      if (!record && deps.clock.now().getTime() - entry.loadedAt >= UNKNOWN_KID_RELOAD_MS) {
        entry = await load(tenant, true);
        record = published(entry).find((r) => r.kid === kid);
      }
      if (!record) return undefined;
      let key = entry.publicKeys.get(kid);
      if (!key) {
        key = importJWK(record.publicJwk as JWK, record.alg) as Promise<CryptoKey>;
        entry.publicKeys.set(kid, key);
      }
      return { alg: record.alg, key: await key };
    },

    async jwks(tenant) {
      // Publishing keys creates them, so the JWKS never sits empty before the first token.
      for (const alg of ALGORITHMS) await this.signingKey(tenant, alg);
      const entry = await load(tenant);
      return {
        keys: published(entry)
          .sort(
            (a, b) =>
              Number(b.state === "active") - Number(a.state === "active") || b.activatedAt.getTime() - a.activatedAt.getTime(),
          )
          .map(({ publicJwk }) => publicJwk as JWK),
      };
    },

    async jwksText(tenant) {
      const entry = await load(tenant);
      if (entry.jwksText !== undefined && ALGORITHMS.every((alg) => active(entry, alg))) return entry.jwksText;
      const document = JSON.stringify(await this.jwks(tenant));
      // Kept on the entry the document was read from: a reload meanwhile starts over.
      const current = await load(tenant);
      if (current === entry) entry.jwksText = document;
      return document;
    },

    async rotate(tenant, audit) {
      const rotated = [];
      for (const alg of ALGORITHMS) {
        const key = await newKey(tenant, alg);
        await deps.repository.rotate(key, deps.clock.now(), audit?.({ kid: key.kid, alg }));
        rotated.push({ kid: key.kid, alg });
      }
      await load(tenant, true);
      return rotated;
    },
  };
}
