/** What a submitted form holds, by field name: one string, or several when a name repeats (checkbox groups). */
export type FormValues = Record<string, string | string[]>;

/**
 * FormData → plain values. Files are dropped (no attribute is a file). A repeated name becomes a
 * list; whether a list is acceptable is the attribute's business, not this function's.
 */
export function formValues(form: FormData | URLSearchParams): FormValues {
  // No prototype: a field named "__proto__" must stay a field, not become the object's prototype.
  const values: FormValues = Object.create(null);
  for (const [name, entry] of form.entries()) {
    if (typeof entry !== "string") continue;
    const existing = values[name];
    values[name] = existing === undefined ? entry : Array.isArray(existing) ? [...existing, entry] : [existing, entry];
  }
  return values;
}
