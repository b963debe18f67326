// Guestgate's approval queue on Graph, through an unmodified @microsoft/microsoft-graph-client over
// the in-process API, on SQLite and PostgreSQL: pending guests are found with
// `$filter=externalUserState eq 'PendingApproval'`, read and decided at
// users/{id}/guestgateSignUpRequest, with the calling application as the audited actor; another
// tenant's token does not see them, and a read-only application cannot decide.
import type { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDirectoryService } from "../../../app/_lib/directory";
import { createDirectoryStore } from "../../../app/_lib/db";
import { testDatabaseProviders } from "../../helpers/database";
import { OTHER_TENANT, TENANT } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

describe.each(testDatabaseProviders())("sign-up requests on Graph on %s", (provider) => {
  let graph: GraphBed;
  let writer: Client;
  let reader: Client;
  let foreign: Client;

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    writer = graph.client(await graph.appToken(["User.ReadWrite.All"]));
    reader = graph.client(await graph.appToken(["User.Read.All"]));
    foreign = graph.client(await graph.appToken(["User.ReadWrite.All"], OTHER_TENANT), OTHER_TENANT);
  });
  afterAll(async () => {
    await graph?.bed.close();
  });

  /** A self-service guest of a flow with an approval queue, as the journey signs them up. */
  async function pendingGuest(name: string): Promise<string> {
    const directory = createDirectoryService({
      store: createDirectoryStore(graph.bed.db.prisma),
      clock: { now: () => new Date() },
      cursorKey: randomBytes(32),
    });
    const email = `${name.toLowerCase()}-${randomBytes(3).toString("hex")}@supplier.example`;
    const { guest } = await directory.signUp({
      tenantId: TENANT,
      identity: { providerId: "email", issuer: "urn:guestgate:email-otp", subject: email, email, emailVerified: true },
      attributes: {},
      displayName: name,
      userFlowName: "partners",
      clientId: "shop",
      correlationId: randomBytes(8).toString("hex"),
      approval: { pending: true, locale: "sv" },
    });
    return guest.id;
  }
  const failure = (call: Promise<unknown>) =>
    call.then(
      () => {
        throw new Error("the call was answered");
      },
      (error: GraphError) => error,
    );

  it("lists pending guests by externalUserState and shows each one's request", async () => {
    const id = await pendingGuest("Petra");
    const page = await reader.api("/users").filter("externalUserState eq 'PendingApproval'").select("id,externalUserState").get();
    expect(page.value).toContainEqual({ id, externalUserState: "PendingApproval" });
    // Not among those without an external state, nor among accepted invitees.
    const none = await reader.api("/users").filter("externalUserState eq null").select("id").get();
    expect(none.value.map((u: { id: string }) => u.id)).not.toContain(id);

    const request = await reader.api(`/users/${id}/guestgateSignUpRequest`).get();
    expect(request).toMatchObject({ id, state: "pending", userFlowName: "partners", appId: "shop", decidedDateTime: null });
    expect((await failure(foreign.api(`/users/${id}/guestgateSignUpRequest`).get())).statusCode).toBe(404);
  });

  it("approves through the documented endpoint, audited with the application as actor", async () => {
    const id = await pendingGuest("Olle");
    expect((await failure(reader.api(`/users/${id}/guestgateSignUpRequest/approve`).post({}))).statusCode).toBe(403);
    expect((await failure(foreign.api(`/users/${id}/guestgateSignUpRequest/approve`).post({}))).statusCode).toBe(404);
    const strange = await failure(writer.api(`/users/${id}/guestgateSignUpRequest/approve`).post({ note: "x" }));
    expect(strange.statusCode).toBe(400);

    const approved = await writer.api(`/users/${id}/guestgateSignUpRequest/approve`).post({ message: "Välkommen!" });
    expect(approved).toMatchObject({ id, state: "approved", message: "Välkommen!" });
    expect(approved.decidedDateTime).toEqual(expect.any(String));
    const user = await reader.api(`/users/${id}`).select("externalUserState,accountEnabled").get();
    expect(user).toMatchObject({ externalUserState: null, accountEnabled: true });
    const event = await graph.bed.db.prisma.auditEvent.findFirstOrThrow({
      where: { targetId: id, type: "guest.signUpApproved" },
    });
    expect(event.actorType).toBe("application");
    expect(graph.signUpNotices.filter((n) => n.request.guestId === id).map((n) => [n.what, n.request.state])).toEqual([
      ["decided", "approved"],
    ]);

    const again = await failure(writer.api(`/users/${id}/guestgateSignUpRequest/refuse`).post({}));
    expect(again.statusCode).toBe(400);
  });

  it("refuses: the guest is blocked (accountEnabled false)", async () => {
    const id = await pendingGuest("Rut");
    expect(await writer.api(`/users/${id}/guestgateSignUpRequest/refuse`).post({})).toMatchObject({
      state: "refused",
      message: null,
    });
    expect(await reader.api(`/users/${id}`).select("accountEnabled").get()).toMatchObject({ accountEnabled: false });
  });
});
