import { describe, expect, it } from "vitest";
import { accessTokenTarget, graphPermissionOf } from "./graph-scopes";

const urls = {
  managementResource: "https://id.example/t1/graph",
  userinfoResource: "https://id.example/t1/oauth2/v2.0/userinfo",
};

describe("delegated Graph scopes", () => {
  it("reads our resource and Microsoft Graph's, for known permissions only", () => {
    expect(graphPermissionOf("https://id.example/t1/graph/User.Read.All", urls.managementResource)).toBe("User.Read.All");
    expect(graphPermissionOf("https://graph.microsoft.com/.default", urls.managementResource)).toBe(".default");
    expect(graphPermissionOf("https://graph.microsoft.com/Mail.Send", urls.managementResource)).toBeUndefined();
    expect(graphPermissionOf("https://id.example/t2/graph/User.Read.All", urls.managementResource)).toBeUndefined();
    expect(graphPermissionOf("profile", urls.managementResource)).toBeUndefined();
  });

  it("makes a token with Graph scopes a Graph token whose scp names the permissions", () => {
    expect(accessTokenTarget(["openid", "https://id.example/t1/graph/User.Read.All"], urls)).toEqual({
      audience: urls.managementResource,
      scp: ["openid", "User.Read.All"],
    });
    expect(accessTokenTarget(["openid", "profile"], urls)).toEqual({
      audience: urls.userinfoResource,
      scp: ["openid", "profile"],
    });
  });
});
