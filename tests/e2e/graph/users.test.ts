// GET /users as a Graph client sees it (graph-contracts §1, §0.4–§0.8): the unmodified
// @microsoft/microsoft-graph-client v3 over https, on SQLite and PostgreSQL, with 2,500 guests
// inserted straight into the database so that paging crosses several pages of 999.
import { GraphError, PageIterator, ResponseType, type PageCollection } from "@microsoft/microsoft-graph-client";
import { beforeAll, describe, expect, it } from "vitest";
import { GRAPH_TENANT, graphClient, graphDatabaseProviders, OTHER_TENANT, withGraphServer } from "../support/graph";

interface User {
  id: string;
  displayName: string | null;
  mail: string | null;
}

const GUESTS = 2_500;
const PREFIX = "Pager";

async function graphFailure(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(GraphError);
  return outcome as GraphError;
}

/** The Graph error body (contract §0.4): code, message, innerError with request-id and a zone-less date. */
function expectGraphErrorBody(body: unknown, code: string): void {
  expect(body).toMatchObject({
    error: {
      code,
      message: expect.any(String),
      innerError: {
        "request-id": expect.stringMatching(/^[0-9a-f-]{36}$/),
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      },
    },
  });
}

describe.each(graphDatabaseProviders())("GET /users through the Graph client (%s)", (provider) => {
  const graph = withGraphServer(provider);

  beforeAll(async () => {
    await graph.seedGuests(GUESTS, { prefix: PREFIX });
    // Same names in the other tenant: none of them may show up in this tenant's lists.
    await graph.seedGuests(10, { prefix: PREFIX, tenant: OTHER_TENANT });
  });

  it("lists users as a Graph collection: a page of 100 by default, with an absolute https nextLink", async () => {
    const client = await graph.client();
    const page = (await client.api("/users").get()) as PageCollection;
    expect(page["@odata.context"]).toMatch(/\$metadata#users$/);
    expect(page.value).toHaveLength(100);
    expect(page["@odata.nextLink"]?.startsWith(`${graph.serviceRoot()}/users?`)).toBe(true);
    const first = page.value[0] as User;
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(["id", "displayName", "mail", "userPrincipalName"]));
  });

  it("filters on mail eq", async () => {
    const client = await graph.client();
    const page = (await client.api("/users").filter(`mail eq '${PREFIX.toLowerCase()}-01234@example.com'`).get()) as {
      value: User[];
    };
    expect(page.value.map((user) => user.displayName)).toEqual([`${PREFIX} 01234`]);
  });

  it("pages through all 2,500 guests with PageIterator, each once, none of another tenant", async () => {
    const client = await graph.client();
    const first = (await client.api("/users").filter(`startsWith(displayName,'${PREFIX}')`).top(999).get()) as PageCollection;
    expect(first.value).toHaveLength(999);
    // PageIterator follows @odata.nextLink through client.api(link): it must be an absolute https URL.
    expect(first["@odata.nextLink"]?.startsWith(`${graph.serviceRoot()}/users?`)).toBe(true);
    const ids: string[] = [];
    const names = new Set<string>();
    const iterator = new PageIterator(client, first, (item: User) => {
      ids.push(item.id);
      names.add(item.displayName ?? "");
      return true;
    });
    await iterator.iterate();
    expect(ids).toHaveLength(GUESTS);
    expect(new Set(ids).size).toBe(GUESTS);
    expect(names.has(`${PREFIX} 00001`) && names.has(`${PREFIX} 02500`)).toBe(true);
    expect(iterator.isComplete()).toBe(true);
  });

  it("answers with request-id, and echoes the client's client-request-id", async () => {
    const client = await graph.client();
    const response = (await client
      .api("/users")
      .top(1)
      .header("client-request-id", "e2e-harness-1")
      .responseType(ResponseType.RAW)
      .get()) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(response.headers.get("client-request-id")).toBe("e2e-harness-1");
  });

  it("gets one user by id, and another tenant's user is not found", async () => {
    const client = await graph.client();
    const [mine] = (
      (await client.api("/users").filter(`mail eq '${PREFIX.toLowerCase()}-00007@example.com'`).get()) as {
        value: User[];
      }
    ).value;
    const user = (await client.api(`/users/${mine!.id}`).get()) as User;
    expect(user).toMatchObject({ id: mine!.id, displayName: `${PREFIX} 00007` });

    const theirs = await graph.prisma().guest.findFirstOrThrow({ where: { tenantId: OTHER_TENANT } });
    const error = await graphFailure(client.api(`/users/${theirs.id}`).get());
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe("Request_ResourceNotFound");
  });

  it("answers 401 with a Graph error body without a token", async () => {
    const response = await fetch(`${graph.serviceRoot()}/users`);
    expect(response.status).toBe(401);
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expectGraphErrorBody(await response.json(), "InvalidAuthenticationToken");
  });

  it("answers 401 to an expired token that is otherwise valid", async () => {
    const app = await graph.register(["User.ReadWrite.All"]);
    // The same in-process issuer with today's clock: its token works, so only the lifetime differs.
    const fresh = graphClient(graph.origin(), GRAPH_TENANT, await graph.tokenIssuedAt(app, new Date()));
    expect(((await fresh.api("/users").top(1).get()) as PageCollection).value).toHaveLength(1);

    const expired = await graph.tokenIssuedAt(app, new Date(Date.now() - 2 * 3600_000));
    const response = await fetch(`${graph.serviceRoot()}/users`, { headers: { authorization: `Bearer ${expired}` } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expectGraphErrorBody(await response.json(), "InvalidAuthenticationToken");
  });

  it("answers 403 Authorization_RequestDenied to a token without a users permission", async () => {
    const auditor = await graph.register(["AuditLog.Read.All"]);
    const response = await fetch(`${graph.serviceRoot()}/users`, {
      headers: { authorization: `Bearer ${await graph.token(auditor)}` },
    });
    expect(response.status).toBe(403);
    expectGraphErrorBody(await response.json(), "Authorization_RequestDenied");
  });

  it("answers 401 to another tenant's token, even one holding User.ReadWrite.All there", async () => {
    const other = await graph.register(["User.ReadWrite.All"], OTHER_TENANT);
    const client = graphClient(graph.origin(), GRAPH_TENANT, await graph.token(other));
    const error = await graphFailure(client.api("/users").get());
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe("InvalidAuthenticationToken");
  });
});
