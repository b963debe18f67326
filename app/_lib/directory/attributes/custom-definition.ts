import { z } from "zod";
import { SUPPORTED_LOCALES } from "../../i18n";
import { BUILT_IN_ATTRIBUTE_NAMES, RESERVED_ATTRIBUTE_NAMES } from "./built-in";
import { isCountryCode } from "./countries";
import { isIsoDate } from "./parse-value";
import { compilePattern } from "./safe-pattern";
import { CUSTOM_FORMATS, type AttributeDefinition, type AttributeFormat } from "./types";

/**
 * Custom attributes as an administrator declares them in a user-flows file. A custom attribute
 * is stored under its name and reaches tokens as `extension_<name>`.
 *
 * Entra names these claims `extension_<appId>_<name>`, where appId is the id of the directory's
 * hidden "b2c-extensions-app" that owns the schema extension. Guestgate has no such app: the
 * issuer is already per tenant, so the name alone is unique and stable. Keeping the `extension_`
 * prefix keeps them apart from standard claims and recognisable to code written for Entra (which
 * maps by stripping `extension_<appId>_`). Renaming an attribute is therefore a breaking change
 * for the apps that read it — which is why the name is the identity of the attribute.
 */
export const CUSTOM_CLAIM_PREFIX = "extension_";

export function customClaimName(name: string): string {
  return `${CUSTOM_CLAIM_PREFIX}${name}`;
}

const reserved = new Set([...BUILT_IN_ATTRIBUTE_NAMES, ...RESERVED_ATTRIBUTE_NAMES].map((n) => n.toLowerCase()));

export const customAttributeNameSchema = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]{1,39}$/, "2–40 letters and digits in camelCase, starting with a lower-case letter")
  .refine((name) => !reserved.has(name.toLowerCase()), {
    error: (issue) => `"${issue.input}" is a built-in or reserved name; custom attributes need their own`,
  });

export const localizedTextSchema = (max: number) => z.partialRecord(z.enum(SUPPORTED_LOCALES), z.string().trim().min(1).max(max));

const label = localizedTextSchema(200);
const help = localizedTextSchema(500).optional();
const optionValue = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "1–64 letters, digits, '-' or '_'");
const options = z
  .array(z.strictObject({ value: optionValue, label }))
  .min(1)
  .max(200)
  .superRefine((list, ctx) => {
    list.forEach((option, index) => {
      if (list.findIndex((o) => o.value === option.value) !== index)
        ctx.addIssue({ code: "custom", path: [index, "value"], message: `"${option.value}" is used twice` });
    });
  });
const isoDate = z.string().refine(isIsoDate, "a date as YYYY-MM-DD");
const pattern = z.string().superRefine((value, ctx) => {
  const compiled = compilePattern(value);
  if (!compiled.ok) ctx.addIssue({ code: "custom", message: compiled.reason });
});

const base = { name: customAttributeNameSchema, label, help };

/** One custom attribute's declaration; each type takes only the constraints that mean something for it. */
export const customAttributeSchema = z.discriminatedUnion("type", [
  z
    .strictObject({
      ...base,
      type: z.literal("string"),
      minLength: z.int().min(0).max(1000).optional(),
      maxLength: z.int().min(1).max(1000).optional(),
      pattern: pattern.optional(),
      format: z.enum(CUSTOM_FORMATS).optional(),
      country: z.string().refine(isCountryCode, "an ISO 3166-1 alpha-2 country code").optional(),
    })
    .superRefine((attribute, ctx) => {
      if ((attribute.minLength ?? 0) > (attribute.maxLength ?? 1000))
        ctx.addIssue({ code: "custom", path: ["minLength"], message: "must not exceed maxLength" });
      if (attribute.pattern !== undefined && attribute.format !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["pattern"],
          message: "a format already fixes the shape; use pattern or format, not both",
        });
      if (attribute.country !== undefined && attribute.format === undefined)
        ctx.addIssue({ code: "custom", path: ["country"], message: "only means something with a format" });
    }),
  z
    .strictObject({ ...base, type: z.literal("integer"), min: z.int().optional(), max: z.int().optional() })
    .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, {
      path: ["min"],
      message: "must not exceed max",
    }),
  z.strictObject({ ...base, type: z.literal("boolean") }),
  z
    .strictObject({ ...base, type: z.literal("date"), min: isoDate.optional(), max: isoDate.optional() })
    .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, {
      path: ["min"],
      message: "must not be after max",
    }),
  z.strictObject({ ...base, type: z.literal("singleChoice"), options }),
  z.strictObject({ ...base, type: z.literal("multipleChoice"), options }),
]);

export type CustomAttributeDeclaration = z.infer<typeof customAttributeSchema>;

/** What the browser should offer for a format: autofill tokens and the on-screen keyboard. */
const FORMAT_HINTS: Record<Exclude<AttributeFormat, "country">, Pick<AttributeDefinition, "autocomplete" | "inputMode">> = {
  phone: { autocomplete: "tel", inputMode: "tel" },
  postalCode: { autocomplete: "postal-code" },
  vat: {},
  businessRegistration: {},
};

/** The declaration, in the shape all attributes share. Custom strings default to 256 characters, as Entra's do. */
export function customAttributeDefinition(declared: CustomAttributeDeclaration): AttributeDefinition {
  const common = {
    kind: "custom",
    source: "user",
    name: declared.name,
    label: declared.label,
    help: declared.help,
    claim: { name: customClaimName(declared.name) },
  } as const;
  switch (declared.type) {
    case "string":
      return {
        ...common,
        type: "string",
        minLength: declared.minLength,
        maxLength: declared.maxLength ?? 256,
        pattern: declared.pattern,
        format: declared.format,
        country: declared.country,
        ...(declared.format ? FORMAT_HINTS[declared.format] : {}),
      };
    case "integer":
      return { ...common, type: "integer", min: declared.min, max: declared.max, inputMode: "numeric" };
    case "date":
      return { ...common, type: "date", min: declared.min, max: declared.max };
    case "boolean":
      return { ...common, type: "boolean" };
    case "singleChoice":
    case "multipleChoice":
      return { ...common, type: declared.type, options: declared.options };
  }
}
