import { X509Certificate } from "node:crypto";
import { createSecureContext } from "node:tls";
import { openWithKek, sealWithKek } from "../../oidc";
import type { ApiConnectorRow, CertificateInfo, ConnectorSecret } from "./types";

/**
 * A connector's Basic password or PKCS#12 bundle must be sent again, so unlike client secrets
 * (hashed) it is sealed like the signing keys: AES-256-GCM under the key-encryption key, bound to
 * the connector's id so a sealed value cannot be moved to another connector.
 */
const aad = (id: string) => `apiConnector:${id}`;

export function sealSecret(kek: Uint8Array | undefined, id: string, secret: ConnectorSecret): string {
  return secret.type === "none" ? "" : sealWithKek(kek, aad(id), JSON.stringify(secret));
}

export function openSecret(
  kek: Uint8Array | undefined,
  row: Pick<ApiConnectorRow, "id" | "authType" | "secretSealed">,
): ConnectorSecret {
  if (row.authType === "none" || !row.secretSealed) return { type: "none" };
  const secret = JSON.parse(openWithKek(kek, aad(row.id), row.secretSealed)) as ConnectorSecret;
  if (secret.type !== row.authType) throw new Error("sealed secret does not match the connector's authentication");
  return secret;
}

/** Reads a PKCS#12 bundle with its password (null when either is wrong): what Graph lists of it. */
export function certificateInfo(pkcs12Base64: string, password: string): CertificateInfo | null {
  try {
    const context = createSecureContext({ pfx: Buffer.from(pkcs12Base64, "base64"), passphrase: password });
    // Node has no public PKCS#12 reader; the secure context's own certificate is the leaf it will present.
    const der = (context as unknown as { context: { getCertificate(): Buffer | null } }).context.getCertificate();
    if (!der) return null;
    const x509 = new X509Certificate(der);
    return {
      thumbprint: x509.fingerprint.replaceAll(":", ""),
      notBefore: Math.floor(new Date(x509.validFrom).getTime() / 1000),
      notAfter: Math.floor(new Date(x509.validTo).getTime() / 1000),
    };
  } catch {
    return null;
  }
}
