import { describe, expect, it } from "vitest";
import { innerTarget } from "./batch";

describe("innerTarget", () => {
  it("normalises the prefixes the Graph JS client leaves in inner URLs (contract §0.1)", () => {
    expect(innerTarget("woodgrove/graph/v1.0/users?$top=1", "woodgrove")).toBe("users?$top=1");
    expect(innerTarget("/users/abc", "woodgrove")).toBe("users/abc");
    expect(innerTarget("v1.0/groups", "woodgrove")).toBe("groups");
    expect(innerTarget("users/$count", "woodgrove")).toBe("users/$count");
  });

  it("does not let an inner request reach another tenant or host", () => {
    expect(innerTarget("sparbanken/graph/v1.0/users", "woodgrove")).toBe("sparbanken/graph/v1.0/users");
    expect(() => innerTarget("https://evil.example/users", "woodgrove")).toThrow(/relative/);
    expect(() => innerTarget("$batch", "woodgrove")).toThrow(/not a batch/);
  });
});
