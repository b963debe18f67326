import type en from "../../../messages/en.json";

/** The dotted path of every string in a message tree: `{ otp: { errors: { locked: "…" } } }` → `"otp.errors.locked"`. */
type Leaves<Tree, Prefix extends string = ""> = {
  [Key in keyof Tree & string]: Tree[Key] extends string ? `${Prefix}${Key}` : Leaves<Tree[Key], `${Prefix}${Key}.`>;
}[keyof Tree & string];

/**
 * A message id: a key of messages/en.json, the source catalog (the other languages have the same
 * keys: app/_lib/i18n/messages.test.ts). Ids travel as `{ id, context }` from the modules that decide
 * what to say to the page or mail that says it (docs/ARCHITECTURE.md, "Journeys"); typing them here makes a misspelt
 * id fail `npm run typecheck` where it is written, not show a fallback text in production.
 */
export type MessageKey = Leaves<typeof en>;

type Under<Key, Namespace extends string> = Key extends `${Namespace}.${infer Rest}` ? Rest : never;

/** The ids under a namespace, relative to it, as a translator scoped to that namespace takes them (`MessageKeyIn<"mail">`). */
export type MessageKeyIn<Namespace extends string> = Under<MessageKey, Namespace>;

/**
 * `Keys`, after checking that every one of them is a message id. For ids built from a code
 * (`attributes.errors.${Code}`), so that adding a code without its message fails where the code
 * list is, not at some distant call site.
 */
export type CatalogKeys<Keys extends MessageKey> = Keys;
