import { readFileSync } from "node:fs";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "./locales";

type Tree = { [key: string]: string | Tree };
const load = (locale: string): Tree => JSON.parse(readFileSync(`messages/${locale}.json`, "utf8"));
const flatten = (tree: Tree, prefix = ""): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === "string" ? [[prefix + key, value]] : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
/**
 * ICU arguments such as {tenant}: a translation that drops or renames one shows a raw brace. Read
 * by the ICU parser, so the words of a plural's branches (`{Your passkey}`) are not taken for names.
 */
const argumentsOf = (message: string) => [...new Set(names(parse(message)))].sort();
function names(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((element) => [
    ...("value" in element && element.type !== TYPE.literal ? [String(element.value)] : []),
    ...("options" in element ? Object.values(element.options).flatMap((option) => names(option.value)) : []),
    ...("children" in element ? names(element.children) : []),
  ]);
}

const source = flatten(load("en"));

describe.each(SUPPORTED_LOCALES.filter((l) => l !== "en"))("messages/%s.json", (locale) => {
  const translated = flatten(load(locale));

  it("has exactly the keys of en.json", () => {
    expect(Object.keys(translated).sort()).toEqual(Object.keys(source).sort());
  });
  it("has no empty value", () => {
    expect(Object.entries(translated).filter(([, v]) => v.trim() === "")).toEqual([]);
  });
  it("keeps every ICU argument", () => {
    for (const [key, message] of Object.entries(source))
      expect([key, argumentsOf(translated[key] ?? "")]).toEqual([key, argumentsOf(message)]);
  });
});

describe("messages/en.json", () => {
  it("has no empty value", () => {
    expect(Object.entries(source).filter(([, v]) => v.trim() === "")).toEqual([]);
  });
});
