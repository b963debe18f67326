import { readFileSync } from "node:fs";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "./locales";

/*
 * House rules a native reader notices at once, checked over every message so that a new string
 * cannot bring the mistake back: French typography, the English spelling of "email", and ICU
 * arguments that mean the same thing in every language.
 */

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[prefix + key, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
const catalog = (locale: string) => new Map(flatten(JSON.parse(readFileSync(`messages/${locale}.json`, "utf8")) as Tree));

/** The text a reader sees: literal parts of the ICU message, arguments and tags left out. */
function literalText(elements: MessageFormatElement[]): string {
  return elements
    .map((element) => {
      if (element.type === TYPE.literal) return element.value;
      if ("options" in element)
        return Object.values(element.options)
          .map((o) => literalText(o.value))
          .join(" ");
      if ("children" in element) return literalText(element.children);
      return "\u0000"; // an argument: stands for text, never a space
    })
    .join("");
}

/** Every argument and tag with its kind ("tenant:argument", "minutes:plural", "link:tag"), sorted. */
function signature(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(`${element.value}:${TYPE[element.type]}`);
    if ("options" in element) for (const option of Object.values(element.options)) signature(option.value, into);
    if ("children" in element) signature(element.children, into);
  }
  return into;
}

/** Keys whose French text breaks the rule: an ordinary space, or none, before : ; ? ! » or after «. */
export function frenchSpacingProblems(messages: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, message] of messages) {
    // URIs of any scheme (https://, api://) and IPv6 literals ([::1]) keep their colons; the Imprimerie nationale's rule is about prose.
    const text = literalText(parse(message))
      .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/g, "")
      .replace(/\[[0-9a-f:.]+\]/gi, "");
    const ordinary = /[ \u00a0][:;?!»]/.test(text) || /«[ \u00a0]/.test(text);
    const missing = /[^\s\u202f][:;?!»]/.test(text) || /«[^\u202f]/.test(text);
    if (ordinary || missing) problems.push(`${key}: put U+202F before : ; ? ! » and after «`);
  }
  return problems;
}

export function englishSpellingProblems(messages: Map<string, string>): string[] {
  return [...messages]
    .filter(([, message]) => /\be-mail/i.test(message) || /\w'\w/.test(message))
    .map(([key]) => `${key}: write "email" and ’`);
}

export function argumentMismatches(source: Map<string, string>, translated: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, message] of source) {
    const other = translated.get(key);
    if (other === undefined) continue; // the key-parity test reports missing keys
    const [want, got] = [[...signature(parse(message))].sort(), [...signature(parse(other))].sort()];
    if (want.join() !== got.join()) problems.push(`${key}: ${got.join(" ") || "none"} instead of ${want.join(" ") || "none"}`);
  }
  return problems;
}

const source = catalog("en");

describe("the checks catch what they are for", () => {
  it("French: an ordinary or missing space before : ? ! ; and inside « »", () => {
    const planted = new Map([
      ["a", "Référence : {id}"],
      ["b", "Vraiment ?"],
      ["c", "Texte de « {subject} »"],
      ["d", "Attention!"],
      ["e", "Bien\u202F: {id}\u202F? «\u202F{x}\u202F» voir http://localhost:3000"],
      ["f", "http seulement sur 127.0.0.1 ou [::1]\u202F; sinon https"],
    ]);
    expect(frenchSpacingProblems(planted).map((p) => p.split(":")[0])).toEqual(["a", "b", "c", "d"]);
  });
  it("English: e-mail and straight apostrophes", () => {
    const planted = new Map([
      ["a", "Your e-mail address"],
      ["b", "the organisation's page"],
      ["c", "Your email address, the organisation’s page"],
    ]);
    expect(englishSpellingProblems(planted).map((p) => p.split(":")[0])).toEqual(["a", "b"]);
  });
  it("arguments: a renamed, dropped or retyped argument", () => {
    const en = new Map([
      ["a", "{tenant} home"],
      ["b", "{n, plural, one {# try} other {# tries}}"],
      ["c", "Go to <link>{tenant}</link>"],
    ]);
    const xx = new Map([
      ["a", "{organisation} thuis"],
      ["b", "{n} pogingen"],
      ["c", "Naar {tenant}"],
    ]);
    expect(argumentMismatches(en, xx).map((p) => p.split(":")[0])).toEqual(["a", "b", "c"]);
  });
});

describe("messages/fr.json", () => {
  it("has a narrow no-break space before : ; ? ! » and after «", () => {
    expect(frenchSpacingProblems(catalog("fr"))).toEqual([]);
  });
});

describe("messages/en.json", () => {
  it('writes "email" and typographic apostrophes', () => {
    expect(englishSpellingProblems(source)).toEqual([]);
  });
});

describe.each(SUPPORTED_LOCALES.filter((locale) => locale !== "en"))("messages/%s.json", (locale) => {
  it("uses the same ICU arguments, of the same kinds, as en.json", () => {
    expect(argumentMismatches(source, catalog(locale))).toEqual([]);
  });
});

describe.each(SUPPORTED_LOCALES)("messages/%s.json", (locale) => {
  // UTF-8 read as Latin-1 and written again turns ’ into "â" and two C1 controls: no catalog text has those.
  it("holds no C1 control characters (text encoded twice)", () => {
    const garbled = [...catalog(locale)].filter(([, message]) => /[\u0080-\u009f]/.test(message)).map(([key]) => key);
    expect(garbled).toEqual([]);
  });
});
