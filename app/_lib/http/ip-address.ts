import { isIPv4, isIPv6 } from "node:net";

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export type AddressBytes = Uint8Array;

/**
 * The canonical text of an address as a socket or a proxy reports it: the zone of a link-local
 * IPv6 address dropped (`fe80::1%eth0`), and an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what
 * a dual-stack listener reports for IPv4 peers, RFC 4291 §2.5.5.2) written as the IPv4 address it
 * is, so one client is one key whichever way it arrived. Undefined when the text is no address.
 */
export function normaliseAddress(text: string): string | undefined {
  const address = text.trim().replace(/%[0-9A-Za-z._~-]+$/, "");
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return undefined;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1];
  return address.toLowerCase();
}

/** The bytes of an IPv4 or IPv6 address (as validated by node:net), or undefined. */
export function addressBytes(text: string): AddressBytes | undefined {
  if (isIPv4(text)) return Uint8Array.from(text.split(".").map(Number));
  if (!isIPv6(text)) return undefined;
  let tail: number[] = [];
  let body = text;
  // An embedded IPv4 address in the last 32 bits (RFC 4291 §2.2, form 3).
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(body);
  if (dotted) {
    tail = dotted[1]!.split(".").map(Number);
    body = body.slice(0, -dotted[1]!.length) + "0:0";
  }
  const [head, rest] = body.split("::") as [string, string | undefined];
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const missing = 8 - left.length - right.length;
  const all = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill("0"), ...right];
  if (all.length !== 8) return undefined;
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  if (tail.length === 4) bytes.set(tail, 12);
  return bytes;
}

/** 127.0.0.0/8 or ::1 (RFC 1122 §3.2.1.3, RFC 4291 §2.5.3), after normalising (so ::ffff:127.0.0.1 too). */
export function isLoopbackAddress(text: string): boolean {
  const address = normaliseAddress(text);
  return address !== undefined && (address === "::1" || /^127\./.test(address));
}
