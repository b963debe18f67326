import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The proof-of-work widget's files, from Guestgate's own origin (no CDN, nothing a third party
 * serves): the `altcha` package's CSP-friendly build (its styles apart, workers registered by us),
 * its PBKDF2 worker, and our start script. Only these four names; `npm update altcha` updates them.
 */
const FILES: Record<string, { path: string[]; type: string }> = {
  "widget.js": { path: ["node_modules", "altcha", "dist", "external", "altcha.min.js"], type: "text/javascript" },
  "widget.css": { path: ["node_modules", "altcha", "dist", "external", "altcha.css"], type: "text/css" },
  "pbkdf2.js": { path: ["node_modules", "altcha", "dist", "workers", "pbkdf2.js"], type: "text/javascript" },
  "start.js": { path: ["app", "api", "proof-of-work", "start.js"], type: "text/javascript" },
};

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const name = (await params).file;
  // Own keys only: "constructor" or "__proto__" must be a 404, not a lookup on Object.prototype.
  const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!file) return new Response("Not Found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = await readFile(path.join(process.cwd(), ...file.path));
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": `${file.type}; charset=utf-8`,
      // Not versioned by name: a day, so that an update of the package reaches browsers soon.
      "Cache-Control": "public, max-age=86400",
    },
  });
}
