import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Private signing keys at rest: AES-256-GCM under the key-encryption key from the environment,
 * with the key's kid as associated data so that a ciphertext cannot be moved to another key row.
 * Format: `v1.<iv>.<ciphertext+tag>` (base64url); the version leaves room for a new scheme.
 */
const VERSION = "v1";

export class KeyEncryptionError extends Error {
  override readonly name = "KeyEncryptionError";
}

export function assertKek(kek: Uint8Array | undefined): asserts kek is Uint8Array {
  if (!kek) {
    throw new KeyEncryptionError(
      "GUESTGATE_KEY_ENCRYPTION_KEY is not set: signing keys cannot be created or read (npm run guestgate -- init-env writes one to .env)",
    );
  }
  if (kek.byteLength !== 32) throw new KeyEncryptionError("the key-encryption key must be 32 bytes");
}

export function encryptPrivateKey(kek: Uint8Array | undefined, kid: string, plaintext: string): string {
  assertKek(kek);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek, iv);
  cipher.setAAD(Buffer.from(kid, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

export function decryptPrivateKey(kek: Uint8Array | undefined, kid: string, sealed: string): string {
  assertKek(kek);
  const [version, iv, body] = sealed.split(".");
  if (version !== VERSION || !iv || !body) throw new KeyEncryptionError(`signing key ${kid}: unknown encryption format`);
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length < 17) throw new KeyEncryptionError(`signing key ${kid}: ciphertext too short`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", kek, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(kid, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new KeyEncryptionError(`signing key ${kid} cannot be decrypted: wrong GUESTGATE_KEY_ENCRYPTION_KEY?`);
  }
}
