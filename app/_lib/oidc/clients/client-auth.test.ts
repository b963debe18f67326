import { describe, expect, it } from "vitest";
import { sha256 } from "../crypto";
import { OAuthError } from "../errors";
import type { ApplicationRecord } from "../ports";
import { createMemoryRepositories } from "../testing/memory-repositories";
import { parseParameters } from "../web/params";
import { authenticateClient, parseClientCredentials } from "./client-auth";

const known = { known: ["client_id", "client_secret"] };
const body = (s = "") => parseParameters(s, known);
const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` });
const formEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");

function errorOf(fn: () => unknown): OAuthError {
  try {
    fn();
  } catch (error) {
    return error as OAuthError;
  }
  throw new Error("no error");
}

describe("client authentication (RFC 6749 §2.3)", () => {
  it("decodes client_secret_basic as form-urlencoded before base64 (§2.3.1)", () => {
    const secret = "a:b+c d%é";
    const credentials = parseClientCredentials(new Headers(basic(formEncode("my id"), formEncode(secret))), body(), body());
    expect(credentials).toEqual({ method: "client_secret_basic", clientId: "my id", secret });
  });
  it("splits Basic credentials on the first colon only", () => {
    expect(parseClientCredentials(new Headers(basic("id", "x:y")), body(), body()).secret).toBe("x:y");
  });
  it("reads client_secret_post and none from the body", () => {
    expect(parseClientCredentials(new Headers(), body("client_id=abc&client_secret=s3"), body())).toEqual({
      method: "client_secret_post",
      clientId: "abc",
      secret: "s3",
    });
    expect(parseClientCredentials(new Headers(), body("client_id=abc"), body())).toEqual({ method: "none", clientId: "abc" });
  });
  it("rejects two methods at once (§2.3)", () => {
    const error = errorOf(() => parseClientCredentials(new Headers(basic("id", "s")), body("client_secret=s"), body()));
    expect([error.code, error.status]).toEqual(["invalid_request", 400]);
  });
  it("rejects a body client_id that differs from the Basic one", () => {
    expect(errorOf(() => parseClientCredentials(new Headers(basic("id", "s")), body("client_id=other"), body())).code).toBe(
      "invalid_request",
    );
  });
  it("accepts a body client_id equal to the Basic one", () => {
    expect(parseClientCredentials(new Headers(basic("id", "s")), body("client_id=id"), body()).method).toBe(
      "client_secret_basic",
    );
  });
  it("rejects a secret in the query string (§2.3.1)", () => {
    expect(errorOf(() => parseClientCredentials(new Headers(), body("client_id=id"), body("client_secret=s"))).code).toBe(
      "invalid_request",
    );
  });
  it.each([
    ["another scheme", "Bearer abc"],
    ["bad base64", "Basic !!!"],
    ["no colon", `Basic ${Buffer.from("idonly").toString("base64")}`],
    ["bad percent-encoding", `Basic ${Buffer.from("id:%ZZ").toString("base64")}`],
    ["invalid UTF-8", `Basic ${Buffer.from([0x69, 0x3a, 0xff]).toString("base64")}`],
    ["an empty id", `Basic ${Buffer.from(":secret").toString("base64")}`],
    ["a NUL", `Basic ${Buffer.from("id:a%00").toString("base64")}`],
  ])("answers 401 invalid_client to %s", (_what, header) => {
    const error = errorOf(() => parseClientCredentials(new Headers({ authorization: header }), body(), body()));
    expect([error.code, error.status]).toEqual(["invalid_client", 401]);
  });
  it("answers invalid_client when nothing identifies the client", () => {
    expect(errorOf(() => parseClientCredentials(new Headers(), body(), body())).code).toBe("invalid_client");
  });
});

describe("client verification", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  async function setup() {
    const { repositories } = createMemoryRepositories();
    const base = { tenantId: "woodgrove", redirectUris: [], postLogoutRedirectUris: [], appRoles: [], permissions: [] };
    const pub = await repositories.applications.create({
      ...base,
      clientId: "11111111-1111-4111-8111-111111111111",
      name: "spa",
      clientType: "public",
      grantTypes: ["authorization_code"],
    });
    const conf = await repositories.applications.create(
      {
        ...base,
        clientId: "22222222-2222-4222-8222-222222222222",
        name: "web",
        clientType: "confidential",
        grantTypes: ["authorization_code"],
      },
      { hash: sha256("current-secret"), hint: "cur", expiresAt: new Date(now.getTime() + 1000) },
    );
    await repositories.applications.addSecret({
      applicationId: conf.id,
      hash: sha256("old-secret"),
      hint: "old",
      expiresAt: new Date(now.getTime() - 1000),
    });
    await repositories.applications.addSecret({
      applicationId: conf.id,
      hash: sha256("next-secret"),
      hint: "nex",
      expiresAt: new Date(now.getTime() + 5000),
    });
    const deps = { applications: repositories.applications, clock: { now: () => now } };
    const auth = (tenant: string, credentials: Parameters<typeof authenticateClient>[1]) =>
      authenticateClient(tenant, credentials, deps);
    return { pub, conf, auth };
  }
  const reject = async (promise: Promise<ApplicationRecord>) => {
    const error = (await promise.then(
      () => undefined,
      (e: OAuthError) => e,
    ))!;
    return [error.code, error.status];
  };

  it("accepts a public client with none, and any unexpired secret of a confidential one (rotation)", async () => {
    const { pub, conf, auth } = await setup();
    expect((await auth("woodgrove", { method: "none", clientId: pub.clientId })).id).toBe(pub.id);
    expect(
      (await auth("woodgrove", { method: "client_secret_basic", clientId: conf.clientId, secret: "current-secret" })).id,
    ).toBe(conf.id);
    expect((await auth("woodgrove", { method: "client_secret_post", clientId: conf.clientId, secret: "next-secret" })).id).toBe(
      conf.id,
    );
  });
  it("refuses a public client that sends a secret", async () => {
    const { pub, auth } = await setup();
    expect(await reject(auth("woodgrove", { method: "client_secret_post", clientId: pub.clientId, secret: "x" }))).toEqual([
      "invalid_client",
      401,
    ]);
  });
  it("refuses wrong, expired and missing secrets, unknown clients and other tenants' clients", async () => {
    const { conf, auth } = await setup();
    expect(await reject(auth("woodgrove", { method: "client_secret_basic", clientId: conf.clientId, secret: "wrong" }))).toEqual([
      "invalid_client",
      401,
    ]);
    expect(
      await reject(auth("woodgrove", { method: "client_secret_basic", clientId: conf.clientId, secret: "old-secret" })),
    ).toEqual(["invalid_client", 401]);
    expect(await reject(auth("woodgrove", { method: "none", clientId: conf.clientId }))).toEqual(["invalid_client", 401]);
    expect(await reject(auth("woodgrove", { method: "none", clientId: "not-a-guid" }))).toEqual(["invalid_client", 401]);
    expect(
      await reject(auth("sparbanken", { method: "client_secret_basic", clientId: conf.clientId, secret: "current-secret" })),
    ).toEqual(["invalid_client", 401]);
  });
});
