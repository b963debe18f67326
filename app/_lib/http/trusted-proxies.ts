import { addressBytes, normaliseAddress, type AddressBytes } from "./ip-address";

interface Network {
  bytes: AddressBytes;
  prefix: number;
}

/** The reverse proxies whose X-Forwarded-For is believed (GUESTGATE_TRUSTED_PROXIES). */
export interface TrustedProxies {
  /** The networks as configured, canonical (for the start-up log line and tests). */
  readonly networks: readonly string[];
  contains(address: string): boolean;
}

export class TrustedProxiesError extends Error {
  override readonly name = "TrustedProxiesError";
}

/**
 * A comma-separated list of networks in CIDR notation (`10.0.0.0/8, 2001:db8::/32`) or single
 * addresses (`192.0.2.7`, taken as /32 or /128). Strict on purpose, because a mistake here either
 * lets clients forge their address or lumps every client together: a prefix out of range, a zone
 * id, host bits set beyond the prefix (`10.0.0.1/8` — probably a typo for a single address or the
 * network) or an empty entry are refused with the entry named.
 */
export function parseTrustedProxies(list: string): TrustedProxies {
  const networks = list.trim() === "" ? [] : list.split(",").map((entry) => parseNetwork(entry.trim()));
  return trustedProxiesOf(networks);
}

export const NO_TRUSTED_PROXIES: TrustedProxies = trustedProxiesOf([]);

function trustedProxiesOf(networks: Network[]): TrustedProxies {
  return {
    networks: networks.map(formatNetwork),
    contains(address) {
      const normal = normaliseAddress(address);
      const bytes = normal === undefined ? undefined : addressBytes(normal);
      return bytes !== undefined && networks.some((network) => inNetwork(bytes, network));
    },
  };
}

function parseNetwork(entry: string): Network {
  if (entry === "") throw new TrustedProxiesError("an empty entry (two commas, or a comma at an end)");
  const match = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry);
  const text = match?.[1];
  // No zones and no IPv4-mapped spelling in configuration: one way to write each network.
  const bytes =
    text !== undefined && !text.includes("%") && normaliseAddress(text) === text.toLowerCase() ? addressBytes(text) : undefined;
  if (!match || !bytes)
    throw new TrustedProxiesError(`"${entry}" is not an IPv4 or IPv6 address or network (such as 10.0.0.0/8 or 2001:db8::/32)`);
  const bits = bytes.length * 8;
  const prefix = match[2] === undefined ? bits : Number(match[2]);
  if (prefix > bits) throw new TrustedProxiesError(`"${entry}": the prefix length must be 0–${bits}`);
  const network = { bytes, prefix };
  if (!inNetwork(bytes, { bytes: networkBytes(bytes, prefix), prefix: bits })) {
    throw new TrustedProxiesError(
      `"${entry}" has bits set beyond its /${prefix} prefix; write the network (${formatNetwork({ bytes: networkBytes(bytes, prefix), prefix })}) or a single address`,
    );
  }
  return network;
}

function networkBytes(bytes: AddressBytes, prefix: number): AddressBytes {
  return bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
}

function inNetwork(address: AddressBytes, network: Network): boolean {
  if (address.length !== network.bytes.length) return false;
  const masked = networkBytes(address, network.prefix);
  const base = networkBytes(network.bytes, network.prefix);
  return masked.every((byte, i) => byte === base[i]);
}

function formatNetwork({ bytes, prefix }: Network): string {
  if (bytes.length === 4) return `${bytes.join(".")}/${prefix}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${groups.join(":")}/${prefix}`;
}
