import { describe, expect, it } from "vitest";
import { ApplicationDirectoryError, type ApplicationDirectory } from "../../oidc";
import type { GraphServices } from "../context";
import { GraphError } from "../errors";
import { graphRequest } from "../testing/request";
import { applicationFilter, applicationRoutes } from "./applications";

/** A directory whose every verb fails with the given error: how the routes map service failures. */
function failing(error: ApplicationDirectoryError): GraphServices {
  const fail = () => Promise.reject(error);
  const applications: ApplicationDirectory = {
    get: fail,
    list: fail,
    create: fail,
    update: fail,
    delete: fail,
    addPassword: fail,
    removePassword: fail,
  };
  // The application routes call only `applications`.
  return <GraphServices>{ applications };
}

const route = (method: string, path: string) => applicationRoutes.find((r) => r.method === method && r.path === path)!;

async function errorOf(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe("Graph applications routes", () => {
  it("map service failures to Graph's errors (contract §0.4)", async () => {
    const byAppId = route("GET", "applications(appId='{appId}')");
    const notFound = await errorOf(
      byAppId.handle(
        graphRequest(failing(new ApplicationDirectoryError("notFound", "x")), {
          params: { appId: "0d1e0000-0000-4000-8000-000000000000" },
        }),
      ),
    );
    expect([notFound.status, notFound.code, notFound.message]).toEqual([
      404,
      "Request_ResourceNotFound",
      "Resource '0d1e0000-0000-4000-8000-000000000000' does not exist or one of its queried reference-property objects are not present.",
    ]);
    const create = route("POST", "applications");
    const conflict = await errorOf(
      create.handle(
        graphRequest(failing(new ApplicationDirectoryError("conflict", "x", "appId")), { body: { displayName: "x" } }),
      ),
    );
    expect([conflict.status, conflict.code, conflict.message]).toEqual([
      409,
      "Request_BadRequest",
      "Another object with the same value for property appId already exists.",
    ]);
    const denied = await errorOf(
      create.handle(graphRequest(failing(new ApplicationDirectoryError("forbidden", "x")), { body: { displayName: "x" } })),
    );
    expect([denied.status, denied.code]).toEqual([403, "Authorization_RequestDenied"]);
    const invalid = await errorOf(
      create.handle(
        graphRequest(failing(new ApplicationDirectoryError("invalid", "web.redirectUris: bad", "web.redirectUris")), {
          body: { displayName: "x" },
        }),
      ),
    );
    expect([invalid.status, invalid.code, invalid.options.details?.[0]?.target]).toEqual([
      400,
      "Request_BadRequest",
      "web.redirectUris",
    ]);
  });

  it("translate $filter on displayName and appId, and refuse the rest naming it", () => {
    expect(applicationFilter({ kind: "compare", op: "eq", property: "appId", value: "a" })).toEqual({
      field: "clientId",
      op: "eq",
      value: "a",
    });
    expect(applicationFilter({ kind: "function", name: "startsWith", property: "displayName", value: "Par" })).toEqual({
      field: "name",
      op: "startsWith",
      value: "Par",
    });
    expect(() => applicationFilter({ kind: "compare", op: "eq", property: "signInAudience", value: "x" })).toThrow(
      "Unsupported property 'signInAudience' in $filter.",
    );
    expect(() => applicationFilter({ kind: "compare", op: "ge", property: "displayName", value: "x" })).toThrow(GraphError);
    const or = { kind: "compare", op: "eq", property: "appId", value: "a" } as const;
    expect(() => applicationFilter({ kind: "or", left: or, right: or })).toThrow(GraphError);
  });

  it("refuse an addPassword body with a start date or an unknown property", () => {
    const body = route("POST", "applications/{id}/addPassword").body!;
    expect(body.safeParse({ passwordCredential: { displayName: "ci", endDateTime: "2027-01-01T00:00:00Z" } }).success).toBe(true);
    expect(body.safeParse({}).success).toBe(true);
    expect(body.safeParse({ passwordCredential: { startDateTime: "2027-01-01T00:00:00Z" } }).success).toBe(false);
    expect(body.safeParse({ passwordCredential: { secretText: "mine" } }).success).toBe(false);
    expect(route("POST", "applications/{id}/removePassword").body!.safeParse({ keyId: 1 }).success).toBe(false);
  });
});
