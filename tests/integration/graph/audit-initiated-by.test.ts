// directoryAudits initiatedBy (contract §8): an application's name recorded with the events its
// Graph calls write, through an unmodified @microsoft/microsoft-graph-client over the in-process
// API; the bed takes its calls as coming through a trusted local proxy, so the address is the
// X-Forwarded-For entry (the trusted-proxy rule itself is tested in http/client-address.test.ts),
// on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { createGraphBed, type GraphBed } from "./api-bed";

describe.each(testDatabaseProviders())("who initiated an audited change on %s", (provider) => {
  let graph: GraphBed;

  beforeAll(async () => {
    graph = await createGraphBed(provider);
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("records the calling application's name and the address the trusted proxy forwarded, and serves them as initiatedBy", async () => {
    const client = graph.client(await graph.appToken(["Group.ReadWrite.All", "AuditLog.Read.All"]));
    const forwarded = "198.51.100.4";
    const group = (await client
      .api("/groups")
      .header("X-Forwarded-For", forwarded)
      .post({ displayName: "Audited", mailEnabled: false, mailNickname: "audited", securityEnabled: true })) as { id: string };
    const row = await graph.bed.db.prisma.auditEvent.findFirstOrThrow({ where: { type: "group.created", targetId: group.id } });
    expect(row.actorDisplayName).toBe("Graph client");
    expect(row.actorIpAddress).toBe(forwarded);

    const audits = await client.api("/auditLogs/directoryAudits").filter(`targetResources/any(t:t/id eq '${group.id}')`).get();
    expect(audits.value).toHaveLength(1);
    expect(audits.value[0].initiatedBy).toEqual({
      user: null,
      app: {
        appId: row.actorId,
        displayName: "Graph client",
        servicePrincipalId: null,
        servicePrincipalName: "Graph client",
      },
    });
  });

  it("leaves the address null when the request carries none", async () => {
    const client = graph.client(await graph.appToken(["Group.ReadWrite.All"]));
    const group = (await client
      .api("/groups")
      .post({ displayName: "Quiet", mailEnabled: false, mailNickname: "quiet", securityEnabled: true })) as { id: string };
    const row = await graph.bed.db.prisma.auditEvent.findFirstOrThrow({ where: { type: "group.created", targetId: group.id } });
    expect(row.actorIpAddress).toBeNull();
    expect(row.actorDisplayName).toBe("Graph client");
  });
});
