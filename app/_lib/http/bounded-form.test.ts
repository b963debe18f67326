import { describe, expect, it } from "vitest";
import { readBoundedForm } from "./bounded-form";

const FORM = { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" };

function streamed(bytes: Uint8Array, chunk = 1000): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, (offset += chunk)));
    },
  });
}
const post = (body: BodyInit, headers: Record<string, string> = FORM) =>
  new Request("http://localhost/x", { method: "POST", headers, body, duplex: "half" } as RequestInit);

describe("readBoundedForm", () => {
  it("reads a form within the limit, streamed or not", async () => {
    const text = "locale=nl&returnTo=%2Fwoodgrove";
    for (const body of [text, streamed(new TextEncoder().encode(text), 3)]) {
      const read = await readBoundedForm(post(body), 100);
      expect(read.ok && Object.fromEntries(read.form)).toEqual({ locale: "nl", returnTo: "/woodgrove" });
    }
  });

  it("stops a chunked body at the limit (no Content-Length to refuse it by) and one that declares too much", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new Uint8Array(1024).fill(0x61));
      },
    });
    expect(await readBoundedForm(post(endless), 4096)).toEqual({ ok: false, status: 413 });
    expect(pulled).toBeLessThan(16 * 1024);
    expect(await readBoundedForm(post("a=1", { ...FORM, "content-length": "5000" }), 4096)).toEqual({ ok: false, status: 413 });
  });

  it("refuses another content type and bytes that are not UTF-8 with 400", async () => {
    expect(await readBoundedForm(post("a=1", { "content-type": "multipart/form-data; boundary=x" }), 100)).toEqual({
      ok: false,
      status: 400,
    });
    expect(await readBoundedForm(post(new Uint8Array([0x61, 0x3d, 0xc3])), 100)).toEqual({ ok: false, status: 400 });
  });
});
