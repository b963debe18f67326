import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

/**
 * The arguments (and rich-text tags) an ICU message uses, read with the parser next-intl itself
 * uses — so an override that passes here also formats on the page. Undefined when the text is not
 * a valid ICU message (an unbalanced brace would break the page at render time).
 */
export function icuArguments(message: string): Set<string> | undefined {
  let elements: MessageFormatElement[];
  try {
    elements = parse(message);
  } catch {
    return undefined;
  }
  const names = new Set<string>();
  const visit = (list: MessageFormatElement[]) => {
    for (const element of list) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.value);
      if ("options" in element) for (const option of Object.values(element.options)) visit(option.value);
      if ("children" in element) visit(element.children);
    }
  };
  visit(elements);
  return names;
}

/** `{ a: { b: "x" } }` → `{ "a.b": "x" }`: message keys as pages and overrides name them. */
export function flattenMessages(tree: unknown, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  if (typeof tree !== "object" || tree === null) return flat;
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") flat.set(prefix + key, value);
    else for (const [k, v] of flattenMessages(value, `${prefix}${key}.`)) flat.set(k, v);
  }
  return flat;
}
