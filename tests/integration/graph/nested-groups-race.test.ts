// Two nestings that would close a cycle, sent at the same moment (A into B, B into A): each
// checks the other's nesting before writing, so under PostgreSQL's READ COMMITTED both checks
// could pass and the directory would hold a cycle. At most one may land, on both databases.
import type { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { createGraphBed, type GraphBed } from "./api-bed";

const ref = (id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/groups/${id}` });
const ROUNDS = 12;

describe.each(testDatabaseProviders())("nesting groups at the same moment on %s", (provider) => {
  let graph: GraphBed;
  let client: Client;

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    client = graph.client(await graph.appToken(["Group.ReadWrite.All", "GroupMember.ReadWrite.All"]));
  });
  afterAll(async () => {
    await graph?.bed.close();
  });

  const group = async (name: string): Promise<string> =>
    (await client.api("/groups").post({ displayName: name, mailEnabled: false, mailNickname: name, securityEnabled: true })).id;

  it("never lets both sides of a cycle land", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = [await group(`race-a-${round}`), await group(`race-b-${round}`)];
      const outcomes = await Promise.all(
        [
          [a, b],
          [b, a],
        ].map(([parent, child]) =>
          client
            .api(`/groups/${parent}/members/$ref`)
            .post(ref(child!))
            .then(
              () => "added",
              (error: GraphError) => error.statusCode,
            ),
        ),
      );
      const nestings = await graph.bed.db.prisma.groupNesting.count({ where: { parentId: { in: [a, b] } } });
      expect(nestings, `round ${round}: ${JSON.stringify(outcomes)}`).toBeLessThanOrEqual(1);
      expect(outcomes.filter((outcome) => outcome === "added").length, `round ${round}`).toBeLessThanOrEqual(1);
      // The refused one is a Graph 400 (a circular membership), never a 500.
      for (const outcome of outcomes) expect([`added`, 400, 409]).toContain(outcome);
    }
  });
});
