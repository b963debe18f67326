import { normaliseAddress } from "./ip-address";
import type { TrustedProxies } from "./trusted-proxies";

/** When no socket address is known (a request built in-process, not read from a connection). */
export const UNKNOWN_CLIENT = "unknown";

/**
 * Who is asking, for rate limits and audit records (never for access decisions): the address of
 * the connection's peer, unless that peer is one of our trusted reverse proxies. Then the
 * X-Forwarded-For chain is read from the right — each trusted proxy appends the address it saw,
 * and everything left of the first address no trusted proxy wrote is whatever the client sent —
 * and the right-most entry that is not itself a trusted proxy is the client. A client can prepend
 * any number of fake entries; they are never reached. An entry that is not an address stops the
 * walk at the last hop we trust, so garbage never becomes a key.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string {
  const socket = peer === undefined ? undefined : normaliseAddress(peer);
  if (socket === undefined) return UNKNOWN_CLIENT;
  if (!trusted.contains(socket) || !forwardedFor) return socket;
  let nearest = socket;
  const hops = forwardedFor.split(",").map((entry) => entry.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hopAddress(hops[i]!);
    if (hop === undefined) return nearest;
    if (!trusted.contains(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}

/** Some proxies write a port (`192.0.2.1:5431`, `[2001:db8::1]:443`); the address is what counts. */
function hopAddress(entry: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry);
  if (bracketed) return normaliseAddress(bracketed[1]!);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry);
  return normaliseAddress(withPort ? withPort[1]! : entry);
}
