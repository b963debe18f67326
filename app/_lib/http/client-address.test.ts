import { describe, expect, it } from "vitest";
import { clientAddress, UNKNOWN_CLIENT } from "./client-address";
import { NO_TRUSTED_PROXIES, parseTrustedProxies, TrustedProxiesError } from "./trusted-proxies";

const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.7, 2001:db8:1::/48, ::1");

describe("clientAddress without trusted proxies", () => {
  it("is the socket's peer, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", NO_TRUSTED_PROXIES)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "198.51.100.1, 198.51.100.2", NO_TRUSTED_PROXIES)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", "1.1.1.1", NO_TRUSTED_PROXIES)).toBe("127.0.0.1");
  });

  it("writes an IPv4-mapped peer as IPv4 and drops an IPv6 zone, so one client is one key", () => {
    expect(clientAddress("::ffff:203.0.113.9", null, NO_TRUSTED_PROXIES)).toBe("203.0.113.9");
    expect(clientAddress("FE80::1%eth0", null, NO_TRUSTED_PROXIES)).toBe("fe80::1");
  });

  it("is 'unknown' only when no socket address is known", () => {
    expect(clientAddress(undefined, "198.51.100.1", NO_TRUSTED_PROXIES)).toBe(UNKNOWN_CLIENT);
  });
});

describe("clientAddress behind trusted proxies", () => {
  it("takes the right-most entry that is not a trusted proxy: prepended fakes are never reached", () => {
    expect(clientAddress("10.1.2.3", "203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.1.2.3", "6.6.6.6, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.1.2.3", "7.7.7.7,6.6.6.6 ,203.0.113.9", proxies)).toBe("203.0.113.9");
  });

  it("skips every trusted hop of a chain, IPv4 and IPv6", () => {
    expect(clientAddress("::1", "6.6.6.6, 2001:db8:5::9, 10.9.9.9, 192.0.2.7", proxies)).toBe("2001:db8:5::9");
    expect(clientAddress("::ffff:10.0.0.1", "203.0.113.9, 2001:db8:1:ffff::1", proxies)).toBe("203.0.113.9");
  });

  it("reads addresses with ports as proxies write them", () => {
    expect(clientAddress("10.0.0.1", "203.0.113.9:5431", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.1", "[2001:db8:9::1]:443", proxies)).toBe("2001:db8:9::1");
  });

  it("stops at the nearest trusted hop when an entry is no address (never keys on text a client wrote)", () => {
    expect(clientAddress("10.0.0.1", "203.0.113.9, not-an-ip", proxies)).toBe("10.0.0.1");
    expect(clientAddress("10.0.0.1", "garbage, 10.0.0.2", proxies)).toBe("10.0.0.2");
  });

  it("is the trusted peer itself when the header is missing or every entry is trusted", () => {
    expect(clientAddress("10.0.0.1", null, proxies)).toBe("10.0.0.1");
    expect(clientAddress("10.0.0.1", "10.0.0.2, 192.0.2.7", proxies)).toBe("10.0.0.2");
  });

  it("ignores X-Forwarded-For from a peer that is not trusted", () => {
    expect(clientAddress("203.0.113.50", "10.0.0.1, 198.51.100.1", proxies)).toBe("203.0.113.50");
  });
});

describe("parseTrustedProxies", () => {
  it("reads IPv4 and IPv6 networks and single addresses", () => {
    expect(parseTrustedProxies(" 10.0.0.0/8 ,192.0.2.7, 2001:DB8::/32, ::1, 0.0.0.0/0").networks).toEqual([
      "10.0.0.0/8",
      "192.0.2.7/32",
      "2001:db8:0:0:0:0:0:0/32",
      "0:0:0:0:0:0:0:1/128",
      "0.0.0.0/0",
    ]);
    expect(parseTrustedProxies("").networks).toEqual([]);
  });

  it("matches on the prefix and keeps the families apart", () => {
    const list = parseTrustedProxies("172.16.0.0/12, fd00::/8");
    expect(list.contains("172.31.255.255")).toBe(true);
    expect(list.contains("172.32.0.0")).toBe(false);
    expect(list.contains("fdab::1")).toBe(true);
    expect(list.contains("fe00::1")).toBe(false);
    expect(list.contains("::ffff:172.16.0.1")).toBe(true);
    expect(list.contains("not an address")).toBe(false);
  });

  it.each([
    ["10.0.0.1/8", /bits set beyond its \/8 prefix.*10\.0\.0\.0\/8/],
    ["10.0.0.0/33", /prefix length must be 0–32/],
    ["::/129", /prefix length must be 0–128/],
    ["10.0.0.0/8,,192.0.2.1", /empty entry/],
    ["10.0.0.0/8,", /empty entry/],
    ["localhost", /not an IPv4 or IPv6 address/],
    ["10.0.0.256", /not an IPv4 or IPv6 address/],
    ["fe80::1%eth0", /not an IPv4 or IPv6 address/],
    ["::ffff:10.0.0.1", /not an IPv4 or IPv6 address/],
    ["10.0.0.0/08x", /not an IPv4 or IPv6 address/],
    ["10.0.0.0 /8", /not an IPv4 or IPv6 address/],
  ])("refuses %s, naming the problem", (list, message) => {
    expect(() => parseTrustedProxies(list)).toThrow(TrustedProxiesError);
    expect(() => parseTrustedProxies(list)).toThrow(message);
  });
});
