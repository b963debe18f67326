import { describe, expect, it } from "vitest";
import { applicationOfUrl, type InvitableApplication } from "./rules";

const app = (appId: string, redirectUris: string[], homePageUrl: string | null = null): InvitableApplication => ({
  appId,
  displayName: appId,
  redirectUris,
  homePageUrl,
});

describe("which application an invitation's redirect URL leads into", () => {
  const portal = app("portal", ["https://p.example/cb"], "https://p.example/");
  const suppliers = app("suppliers", ["https://p.example/suppliers/cb"], "https://p.example/suppliers");

  it("is the one whose redirect URI it is, even under another's home page", () => {
    expect(applicationOfUrl("https://p.example/suppliers/cb", [portal, suppliers])).toEqual({ kind: "one", appId: "suppliers" });
    expect(applicationOfUrl("https://p.example/cb", [suppliers, portal])).toEqual({ kind: "one", appId: "portal" });
  });

  it("is the longest home page it lies under, in whatever order the applications come", () => {
    for (const list of [
      [portal, suppliers],
      [suppliers, portal],
    ])
      expect(applicationOfUrl("https://p.example/suppliers/start", list)).toEqual({ kind: "one", appId: "suppliers" });
    expect(applicationOfUrl("https://p.example/other", [suppliers, portal])).toEqual({ kind: "one", appId: "portal" });
    // A segment boundary: /suppliersX is not under /suppliers.
    expect(applicationOfUrl("https://p.example/suppliersX", [suppliers, portal])).toEqual({ kind: "one", appId: "portal" });
  });

  it("is ambiguous when two claim it alike (the same redirect URI, or the same home page)", () => {
    const twin = app("twin", ["https://p.example/cb"], "https://p.example");
    expect(applicationOfUrl("https://p.example/cb", [portal, twin])).toMatchObject({ kind: "ambiguous" });
    expect(applicationOfUrl("https://p.example/elsewhere", [portal, twin, suppliers])).toMatchObject({
      kind: "ambiguous",
      applications: [portal, twin],
    });
  });

  it("is none for a URL no application claims (an allow-list entry)", () => {
    expect(applicationOfUrl("https://q.example/", [portal])).toEqual({ kind: "none" });
    expect(applicationOfUrl("not a url", [portal])).toEqual({ kind: "none" });
  });
});
