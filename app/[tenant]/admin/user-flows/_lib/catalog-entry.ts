import type { AttributeEntry, CustomAttribute } from "../../../../_lib/journeys";
import type { Locale } from "../../../../_lib/i18n";

/** How a catalog data type is asked on the sign-up page (the same reading Graph's attribute assignments make). */
const ENTRY_TYPES: Record<CustomAttribute["dataType"], string> = { string: "string", boolean: "boolean", int64: "integer" };

/**
 * The flow entry for a custom attribute of the tenant's catalog (identity/userFlowAttributes): its
 * type from the data type, its label its name in every language of the tenant until the
 * administrator writes texts for it. The user-flow service validates the entry with the flow.
 */
export function catalogEntry(attribute: CustomAttribute, required: boolean, locales: readonly Locale[]): AttributeEntry {
  return {
    name: attribute.name,
    type: ENTRY_TYPES[attribute.dataType],
    label: Object.fromEntries(locales.map((locale) => [locale, attribute.name])),
    required,
  };
}
