import path from "node:path";

/**
 * `guestgate/layers`: the layering of docs/ARCHITECTURE.md as a lint rule that works on paths.
 *
 * ESLint's `no-restricted-imports` matches the text of an import, so a pattern written for one
 * folder depth misses the same import written from a subfolder (`../../db`) or through the `@/`
 * alias. This rule first turns every import into what it names — a file path relative to the
 * project root (extension and trailing `/index` dropped), or a package name — and then checks
 * that against the zones, so a zone holds however the import is spelt. It needs no file system:
 * a path is resolved by arithmetic, so a planted import of a file that does not exist is judged
 * like any other.
 *
 * Options (one object):
 * - `root`: absolute project root; `aliases`: `{ "@/": "" }` (prefix → root-relative folder),
 *   taken from tsconfig `paths` by eslint.config.mjs.
 * - `zones`: `{ name, files, except?, forbid, allow?, names?, message }[]` — for an importing file
 *   that matches `files` and not `except`, an import whose target matches `forbid` and not `allow`
 *   is reported. Targets are `file:` globs (root-relative paths) or `package:` globs. With `names`,
 *   only an import that binds one of those exported names is reported (what a path cannot say:
 *   `database` from the composition root is the Prisma client by another road).
 * - `modules`: `{ under, entries, tests?, testEntries? }` — every folder (or single file) directly
 *   under `under` is a module, entered from outside only through its index or one of the listed
 *   `entries`; files matching `tests` may also enter through `testEntries` (a module's fixtures).
 */

const SOURCE_EXTENSIONS = /\.(d\.ts|ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/** A glob (`**`, `*`, `{a,b}`) as an anchored regular expression; `dir/**` also matches `dir`. */
export function globToRegExp(glob) {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith("/**", i) && i + 3 === glob.length) {
      out += "(?:/.*)?";
      i += 2;
    } else if (glob.startsWith("**/", i)) {
      out += "(?:.*/)?";
      i += 2;
    } else if (glob.startsWith("**", i)) {
      out += ".*";
      i += 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "{") out += "(?:";
    else if (c === "}") out += ")";
    else if (c === ",") out += "|";
    else out += c.replace(/[.+?^$()[\]\\|]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

const matcher = (globs = []) => {
  const res = globs.map(globToRegExp);
  return (value) => res.some((re) => re.test(value));
};

/** What an import names: `{ file }` (root-relative, normalised) or `{ pkg }`. */
export function resolveTarget(specifier, importerRelative, aliases) {
  let file;
  if (specifier.startsWith(".")) file = path.posix.join(path.posix.dirname(importerRelative), specifier);
  else if (specifier.startsWith("/")) file = specifier.slice(1);
  else {
    const alias = Object.keys(aliases).find((prefix) => specifier.startsWith(prefix));
    if (alias === undefined) return { pkg: specifier };
    file = path.posix.join(aliases[alias], specifier.slice(alias.length));
  }
  file = path.posix
    .normalize(file)
    .replace(SOURCE_EXTENSIONS, "")
    .replace(/\/index$/, "");
  return { file: file === "index" ? "." : file };
}

const targetString = (target) => (target.file !== undefined ? `file:${target.file}` : `package:${target.pkg}`);

function compileZones(zones) {
  return zones.map((zone) => ({
    ...zone,
    appliesTo: matcher(zone.files),
    exempt: matcher(zone.except),
    forbids: matcher(zone.forbid),
    allows: matcher(zone.allow),
  }));
}

/** The module a root-relative path belongs to under `under`, and the path inside it. */
function moduleOf(file, under) {
  if (!file.startsWith(`${under}/`)) return undefined;
  const [name, ...rest] = file.slice(under.length + 1).split("/");
  return { name, inner: rest.join("/") };
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Enforce the layers of docs/ARCHITECTURE.md on resolved import paths." },
    schema: false,
    messages: {
      zone: "{{message}} [{{zone}}: {{target}}]",
      deep: "Import module `{{module}}` through its index.ts, not `{{target}}` (docs/ARCHITECTURE.md, Layers).",
    },
  },
  create(context) {
    const { root, aliases = {}, zones = [], modules } = context.options[0] ?? {};
    const importer = path.relative(root, context.physicalFilename).split(path.sep).join("/");
    if (importer.startsWith("..")) return {};
    const active = compileZones(zones).filter((zone) => zone.appliesTo(importer) && !zone.exempt(importer));
    const importerModule = modules ? moduleOf(importer.replace(SOURCE_EXTENSIONS, ""), modules.under) : undefined;
    const isTest = modules ? matcher(modules.tests)(importer) : false;
    const isEntry = modules ? matcher([...(modules.entries ?? []), ...(isTest ? (modules.testEntries ?? []) : [])]) : () => false;

    /** `names`: the exported names the statement binds, `*` for a namespace (undefined when it cannot be told: `import()`, `require`). */
    function check(node, names) {
      if (!node || typeof node.value !== "string") return;
      const target = resolveTarget(node.value, importer, aliases);
      const subject = targetString(target);
      for (const zone of active) {
        const named = !zone.names || (names ?? []).some((name) => zone.names.includes(name));
        if (named && zone.forbids(subject) && !zone.allows(subject)) {
          context.report({ node, messageId: "zone", data: { message: zone.message, zone: zone.name, target: subject } });
        }
      }
      if (modules && target.file !== undefined) {
        const targetModule = moduleOf(target.file, modules.under);
        const outside = targetModule && targetModule.name !== importerModule?.name;
        if (outside && targetModule.inner !== "" && !isEntry(target.file)) {
          context.report({ node, messageId: "deep", data: { module: targetModule.name, target: target.file } });
        }
      }
    }

    const nameOf = (id) => (id.type === "Identifier" ? id.name : id.value);
    return {
      ImportDeclaration: (node) =>
        check(
          node.source,
          node.specifiers.map((s) =>
            s.type === "ImportSpecifier" ? nameOf(s.imported) : s.type === "ImportDefaultSpecifier" ? "default" : "*",
          ),
        ),
      ExportNamedDeclaration: (node) =>
        check(
          node.source,
          node.specifiers.map((s) => nameOf(s.local)),
        ),
      ExportAllDeclaration: (node) => check(node.source, ["*"]),
      ImportExpression: (node) => check(node.source.type === "Literal" ? node.source : undefined),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
      TSImportType: (node) => check(node.source ?? node.argument?.literal),
      CallExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments[0]?.type === "Literal") {
          check(node.arguments[0]);
        }
      },
    };
  },
};

const plugin = { meta: { name: "guestgate-layers" }, rules: { layers: rule } };
export default plugin;
