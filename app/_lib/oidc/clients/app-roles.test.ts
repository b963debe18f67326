import { describe, expect, it } from "vitest";
import { appRoleId } from "./app-roles";

describe("appRoleId", () => {
  it("keeps a role's own id, lower-cased", () => {
    expect(appRoleId("client", { id: "1B4F0000-0000-4000-8000-000000000001", value: "Reader" })).toBe(
      "1b4f0000-0000-4000-8000-000000000001",
    );
  });

  it("derives a stable GUID-shaped id from client id and value for rows without one", () => {
    const id = appRoleId("client", { value: "Reader" });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(appRoleId("client", { value: "Reader" })).toBe(id);
    expect(appRoleId("client", { value: "Writer" })).not.toBe(id);
    expect(appRoleId("other", { value: "Reader" })).not.toBe(id);
  });
});
