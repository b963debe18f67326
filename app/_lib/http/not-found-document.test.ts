import { describe, expect, it } from "vitest";
import { notFoundDocument, notFoundResponse } from "./not-found-document";

const page = {
  lang: "fr",
  title: "Page introuvable – Atelier",
  heading: "Page introuvable",
  body: "Cette page n’existe pas <script>alert(1)</script>",
  homeHref: "/e2e",
  homeLabel: "Retour à l’accueil",
  nonce: "n0nce",
};

describe("the server-rendered 404 document", () => {
  it("has lang, a title and an h1 in the HTML itself, and escapes every text", () => {
    const html = notFoundDocument(page);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="fr">/);
    expect(html).toContain("<title>Page introuvable – Atelier</title>");
    expect(html).toContain("<h1>Page introuvable</h1>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script");
    expect(html).toContain('<style nonce="n0nce">');
  });
  it("keeps a colour that is not #rrggbb out of the style sheet", () => {
    const html = notFoundDocument({
      ...page,
      brand: {
        primary: "red;}</style>",
        onPrimary: "#fff",
        background: "#fbf8f1",
        onBackground: "#000000",
        logo: "/l.svg",
        logoAlt: "L",
      },
    });
    expect(html).not.toContain("red;}");
    expect(html).toContain("#3b3f8f");
  });
  it("answers 404, HTML, not cached", async () => {
    const response = notFoundResponse(page);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
