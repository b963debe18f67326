import type { AttributeValue } from "../../directory";
import { editableAttributesFor } from "./visible-attributes";
import type { UserFlow } from "./types";

/** Whether a stored value counts as given. An unticked box does not satisfy a required checkbox. */
function hasValue(value: AttributeValue | null | undefined): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Progressive profiling: the required attributes, for this app, that a returning guest has no
 * value for — typically because the flow gained them after the guest signed up. Empty: the guest
 * goes straight through.
 */
export function missingRequiredAttributes(
  flow: UserFlow,
  appId: string,
  storedValues: Readonly<Record<string, AttributeValue | null | undefined>>,
): string[] {
  return editableAttributesFor(flow, { appId })
    .filter((attribute) => attribute.required && !hasValue(storedValues[attribute.definition.name]))
    .map((attribute) => attribute.definition.name);
}
