import { z } from "zod";
import { BUILT_IN_ATTRIBUTE_NAMES } from "../../directory";
import { graphErrors } from "../errors";

/*
 * Language override pages (contract §4.2, "Override page content"). Guestgate has one page,
 * `selfasserted1_1`, the attribute-collection page, and it carries all of a flow's overrides for
 * the language: GET → edit → PUT keeps every override, and PUT replaces them all.
 *
 * - `UxElement` entries: the StringIds below name Guestgate's messages (B2C's self-asserted page
 *   ids where one exists; `heading` is Guestgate's). Any other StringId must be a Guestgate message
 *   key itself (`journey.chooseProvider.title`), which is how GET writes overrides with no B2C id;
 *   the flow's validation then checks that the key exists and keeps to its ICU arguments.
 * - `ClaimType` entries with ElementId = a built-in attribute id and StringId `DisplayName`
 *   override that attribute's label (`attributes.labels.<name>`). A custom attribute's label is its
 *   assignment's displayName, so it is refused here.
 * - Entries with `Override: false` change nothing; `LocalizedCollections` is refused (unverified
 *   for WF flows, and option labels come from the assignment).
 */
export const ATTRIBUTE_PAGE_ID = "selfasserted1_1";

const UX_STRINGS: Readonly<Record<string, string>> = {
  heading: "attributes.page.title",
  initial_intro: "attributes.page.intro",
  button_continue: "attributes.page.submit",
  error_fieldIncorrect: "attributes.page.errorSummary",
};
const LABEL_PREFIX = "attributes.labels.";
const MESSAGE_KEY = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;

const localizedString = z.strictObject({
  ElementType: z.string(),
  ElementId: z.string().nullable().optional(),
  StringId: z.string(),
  Override: z.boolean().optional(),
  Value: z.string(),
});
const pageContent = z.strictObject({
  LocalizedStrings: z.array(localizedString).max(500).default([]),
  LocalizedCollections: z.array(z.unknown()).max(0, "LocalizedCollections is not supported by Guestgate").optional(),
});

/** The override page text of a PUT → the flow's overrides for that language; 400 naming what it cannot map. */
export function overridesFromPage(text: string | undefined): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(text ?? "");
  } catch {
    throw graphErrors.badRequest("The override page is not JSON.");
  }
  const parsed = pageContent.safeParse(json);
  if (!parsed.success)
    throw graphErrors.badRequest(
      `The override page is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  const texts: Record<string, string> = {};
  const unknown: string[] = [];
  for (const entry of parsed.data.LocalizedStrings) {
    if (entry.Override === false) continue;
    const key = messageKeyOf(entry);
    if (key) texts[key] = entry.Value;
    else unknown.push(entry.ElementType === "ClaimType" ? `${entry.ElementId ?? "null"}/${entry.StringId}` : entry.StringId);
  }
  if (unknown.length) throw graphErrors.badRequest(`Unknown string ids in the override page: ${unknown.join(", ")}.`);
  return texts;
}

function messageKeyOf(entry: z.infer<typeof localizedString>): string | undefined {
  if (entry.ElementType === "UxElement")
    return UX_STRINGS[entry.StringId] ?? (MESSAGE_KEY.test(entry.StringId) ? entry.StringId : undefined);
  if (entry.ElementType === "ClaimType" && entry.StringId === "DisplayName" && entry.ElementId) {
    const name = BUILT_IN_ATTRIBUTE_NAMES.find((n) => n.toLowerCase() === entry.ElementId!.toLowerCase());
    return name ? `${LABEL_PREFIX}${name}` : undefined;
  }
  return undefined;
}

/** A flow's overrides for one language as the override page. */
export function pageFromOverrides(texts: Readonly<Record<string, string>>): string {
  const byKey = new Map(Object.entries(UX_STRINGS).map(([id, key]) => [key, id]));
  const LocalizedStrings = Object.entries(texts).map(([key, value]) =>
    key.startsWith(LABEL_PREFIX)
      ? {
          ElementType: "ClaimType",
          ElementId: key.slice(LABEL_PREFIX.length),
          StringId: "DisplayName",
          Override: true,
          Value: value,
        }
      : { ElementType: "UxElement", ElementId: null, StringId: byKey.get(key) ?? key, Override: true, Value: value },
  );
  return JSON.stringify({ LocalizedStrings, LocalizedCollections: [] });
}

/** The text at a dotted message key of a catalog, if it is a string there. */
function textAt(messages: unknown, key: string): string | undefined {
  const value = key
    .split(".")
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      messages,
    );
  return typeof value === "string" ? value : undefined;
}

/**
 * The default page of a language (contract §4.1 `defaultPages/{pageId}/$value`): Guestgate's own
 * texts for the page's strings and the labels of the built-in attributes the flow collects, in the
 * override format, so a caller can copy an entry, change its Value and PUT it as an override.
 */
export function defaultPage(messages: unknown, attributes: readonly string[]): string {
  const ux = Object.entries(UX_STRINGS).map(([id, key]) => ({
    ElementType: "UxElement",
    ElementId: null,
    StringId: id,
    Override: false,
    Value: textAt(messages, key) ?? "",
  }));
  const labels = BUILT_IN_ATTRIBUTE_NAMES.filter((name) => attributes.some((a) => a.toLowerCase() === name.toLowerCase())).map(
    (name) => ({
      ElementType: "ClaimType",
      ElementId: name,
      StringId: "DisplayName",
      Override: false,
      Value: textAt(messages, `${LABEL_PREFIX}${name}`) ?? name,
    }),
  );
  return JSON.stringify({ LocalizedStrings: [...ux, ...labels], LocalizedCollections: [] });
}
