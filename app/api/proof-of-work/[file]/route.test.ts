import { describe, expect, it } from "vitest";
import { GET } from "./route";

const get = (file: string) =>
  GET(new Request(`http://localhost/api/proof-of-work/${file}`), { params: Promise.resolve({ file }) });

describe("the proof-of-work files", () => {
  it("serves the widget from the installed package, as JavaScript", async () => {
    const response = await get("widget.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect((await response.text()).length).toBeGreaterThan(1000);
  });

  it.each(["constructor", "__proto__", "toString", "..%2Fpackage.json", "altcha.min.js"])("answers %s with 404", async (file) => {
    expect((await get(file)).status).toBe(404);
  });
});
