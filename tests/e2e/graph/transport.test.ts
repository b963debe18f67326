// The path every Graph test takes: an unmodified @microsoft/microsoft-graph-client v3 over https
// (a per-run CA, a TLS proxy in front of `next start`), with a client-credentials token it attaches
// itself because the host is a custom host (graph-contracts §0.1), on SQLite and on PostgreSQL.
import { GraphError } from "@microsoft/microsoft-graph-client";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { GRAPH_TENANT, graphClient, graphDatabaseProviders, OTHER_TENANT, withGraphServer } from "../support/graph";

/** What a rejected Graph client call carries (the client's own GraphError, built from the error body). */
async function graphFailure(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(GraphError);
  return outcome as GraphError;
}

describe.each(graphDatabaseProviders())("the Graph client over https (%s)", (provider) => {
  const graph = withGraphServer(provider);

  it("verifies the server's certificate: a Node without this run's CA refuses it, one given the CA accepts it", async () => {
    const probe = `fetch(${JSON.stringify(`${graph.origin()}/api/ready`)}).then((r) => console.log(r.status), (e) => console.log(e.cause?.code ?? e.message))`;
    const run = async (env: NodeJS.ProcessEnv) =>
      (await promisify(execFile)(process.execPath, ["-e", probe], { env })).stdout.trim();
    const { NODE_EXTRA_CA_CERTS: _inherited, ...withoutCa } = process.env;
    expect(await run(withoutCa as NodeJS.ProcessEnv)).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/);
    expect(await run({ ...withoutCa, NODE_EXTRA_CA_CERTS: graph.caFile() } as NodeJS.ProcessEnv)).toBe("200");
  });

  it("serves the tenant's OpenAPI document to the Graph client, with the https service root", async () => {
    const client = await graph.client();
    const document = (await client.api("/openapi.json").get()) as { servers?: { url: string }[] };
    expect(document.servers?.[0]?.url).toBe(graph.serviceRoot());
    expect(graph.serviceRoot()).toMatch(/^https:\/\/localhost:\d+\/woodgrove\/graph\/v1\.0$/);
  });

  it("attaches the bearer token itself: past authentication, an unknown segment is a Graph 400, with a request-id", async () => {
    const client = await graph.client();
    const error = await graphFailure(client.api("/noSuchResource").get());
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("Request_BadRequest");
    expect(error.message).toContain("noSuchResource");
    expect(error.requestId).toMatch(/\S/);
  });

  it("follows an absolute https URL unchanged (as PageIterator follows @odata.nextLink)", async () => {
    const client = await graph.client();
    const document = (await client.api(`${graph.serviceRoot()}/openapi.json`).get()) as { servers?: { url: string }[] };
    expect(document.servers?.[0]?.url).toBe(graph.serviceRoot());
  });

  it("answers a request without a token with a Graph-shaped 401 and a Bearer challenge", async () => {
    const response = await fetch(`${graph.serviceRoot()}/noSuchResource`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="/);
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const body = (await response.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe("InvalidAuthenticationToken");
    expect(body.error.innerError["request-id"]).toBe(response.headers.get("request-id"));
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it("refuses another tenant's token with 401", async () => {
    const other = await graph.register(["User.ReadWrite.All"], OTHER_TENANT);
    const client = graphClient(graph.origin(), GRAPH_TENANT, await graph.token(other));
    const error = await graphFailure(client.api("/noSuchResource").get());
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe("InvalidAuthenticationToken");
  });
});
