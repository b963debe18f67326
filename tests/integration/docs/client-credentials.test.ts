import { describe, expect, it } from "vitest";
import { managementToken } from "./snippets/client-credentials";
import { BASE, TENANT, useTestbed } from "./support";

describe("docs/INTEGRATION.md: client credentials for the management API", () => {
  const testbed = useTestbed();

  it("gets an at+jwt for {base}/{tenant}/graph with the permissions as roles", async () => {
    const { clientId, secret } = await testbed().confidentialClient({
      grantTypes: ["client_credentials"],
      redirectUris: [],
      permissions: ["User.Read.All", "User.Invite.All"],
    });
    const token = await managementToken(BASE, TENANT, clientId, secret);
    expect(await testbed().verify(token, `${BASE}/${TENANT}/graph`, { typ: "at+jwt" })).toMatchObject({
      sub: clientId,
      client_id: clientId,
      roles: ["User.Read.All", "User.Invite.All"],
    });
    await expect(managementToken(BASE, TENANT, clientId, "wrong-secret")).rejects.toThrow(/401 invalid_client/);
  });
});
