import { describe, expect, it } from "vitest";
import {
  classifyFailure,
  describeFailure,
  isNetworkFailure,
  probingFetch,
  withFailureProbe,
  type FailureProbe,
} from "./failures";

const probe = (patch: Partial<FailureProbe> = {}): FailureProbe => ({ unreachable: false, errors: [], ...patch });

describe("classifyFailure", () => {
  it("cancelled: Auth.js validated the answer and the upstream said access_denied (RFC 6749 §4.1.2.1)", () => {
    expect(classifyFailure({ authError: "OAuthCallbackError", upstreamError: "access_denied", probe: probe() })).toBe(
      "cancelled",
    );
  });

  it("upstreamError: any other error code, or an access_denied that failed Auth.js's checks", () => {
    expect(classifyFailure({ authError: "OAuthCallbackError", upstreamError: "server_error", probe: probe() })).toBe(
      "upstreamError",
    );
    expect(classifyFailure({ authError: "Configuration", upstreamError: "access_denied", probe: probe() })).toBe("upstreamError");
    expect(classifyFailure({ authError: "Configuration", upstreamError: null, probe: probe() })).toBe("upstreamError");
  });

  it("unreachable: the probe saw a failed connection or discovery, whatever Auth.js reported", () => {
    expect(classifyFailure({ authError: "Configuration", upstreamError: null, probe: probe({ unreachable: true }) })).toBe(
      "unreachable",
    );
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    expect(
      classifyFailure({
        authError: "Configuration",
        upstreamError: null,
        probe: probe({ errors: [{ name: "CallbackRouteError", cause: { err: refused } }] }),
      }),
    ).toBe("unreachable");
  });
});

describe("isNetworkFailure", () => {
  it("finds a connection error anywhere in the cause chain", () => {
    expect(isNetworkFailure(Object.assign(new Error("x"), { code: "ENOTFOUND" }))).toBe(true);
    expect(isNetworkFailure(new Error("wrapped", { cause: { err: new TypeError("fetch failed") } }))).toBe(true);
    expect(isNetworkFailure(new Error('unexpected JWT "iss" (issuer) claim value'))).toBe(false);
    expect(isNetworkFailure("ECONNREFUSED")).toBe(false);
  });
});

describe("probingFetch", () => {
  const answering =
    (status: number): typeof fetch =>
    async () =>
      new Response("{}", { status });

  it("marks a discovery document that is not there, but not other non-2xx answers", async () => {
    await withFailureProbe(async (p) => {
      await probingFetch(answering(400))("https://op.example/token");
      expect(p.unreachable).toBe(false);
      await probingFetch(answering(404))("https://op.example/.well-known/openid-configuration");
      expect(p.unreachable).toBe(true);
    });
  });

  it("marks a fetch that throws, and rethrows it", async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    await withFailureProbe(async (p) => {
      await expect(probingFetch(failing)("https://op.example/token")).rejects.toThrow("fetch failed");
      expect(p.unreachable).toBe(true);
    });
  });

  it("keeps concurrent requests apart", async () => {
    const [a, b] = await Promise.all([
      withFailureProbe(
        async (p) => (await probingFetch(answering(500))("https://a.example/.well-known/openid-configuration"), p.unreachable),
      ),
      withFailureProbe(
        async (p) => (await probingFetch(answering(200))("https://b.example/.well-known/openid-configuration"), p.unreachable),
      ),
    ]);
    expect([a, b]).toEqual([true, false]);
  });
});

describe("describeFailure", () => {
  it("names the wrapped cause instead of Auth.js's link", () => {
    const error = Object.assign(new Error("Read more at https://errors.authjs.dev#callbackrouteerror"), {
      name: "CallbackRouteError",
      cause: { err: Object.assign(new Error('unexpected JWT "iss" (issuer) claim value'), { name: "OperationProcessingError" }) },
    });
    expect(describeFailure(error)).toBe(
      'CallbackRouteError ← OperationProcessingError: unexpected JWT "iss" (issuer) claim value',
    );
  });
});
