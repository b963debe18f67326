import type { AttributeValue } from "../../../directory";
import { parseAttributeSubmission } from "../../user-flows/attribute-schema";
import { createGuest } from "../create-guest";
import type { UiMessage } from "../types";
import type { Step } from "./step";

/**
 * The attribute page: validated with the schema built from the flow (server side, whatever the
 * browser checked). New guests are created here; returning guests get only the missing values saved.
 */
export const collectAttributes: Step = async (context) => {
  const { journey, flow, input, deps, tenant } = context;
  const onlyMissing = journey.ui.attributes && journey.ui.attributes.length > 0 ? journey.ui.attributes : undefined;
  const guestId = journey.internal.guestId;
  const stored = guestId ? ((await deps.guests.find(tenant.slug, guestId))?.attributes ?? {}) : {};
  const parsed = parseAttributeSubmission(flow, input, {
    appId: journey.clientId,
    locale: journey.locale,
    onlyMissing,
    storedValues: stored,
  });
  if (!parsed.ok) {
    const fieldErrors: Record<string, UiMessage> = {};
    for (const problem of parsed.problems) fieldErrors[problem.field] ??= problem.message as UiMessage;
    return { stay: true, ui: { fieldErrors, values: typedValues(input), messages: [{ id: "journey.attributes.fixErrors" }] } };
  }

  const values = Object.fromEntries(
    Object.entries(parsed.values).filter((entry): entry is [string, AttributeValue] => entry[1] !== null),
  );
  const identity = journey.internal.identity;
  if (!identity) return { stay: true, ui: { messages: [{ id: "journey.errors.generic" }] } };
  const guest = guestId
    ? await deps.guests.saveAttributes(tenant.slug, guestId, values, journey.id)
    : await createGuest(context, identity, values);
  if (guest.state === "blocked") return { stay: true, ui: { messages: [{ id: "journey.blocked.body" }] } };
  if (guestId) await deps.guests.recordSignIn(tenant.slug, identity.issuer, identity.subject, deps.now());
  return { event: { type: "guestReady", guestId: guest.id }, internal: { guestId: guest.id } };
};

/** The form's own fields, to show again next to their errors (bounded: this is stored). */
function typedValues(input: Readonly<Record<string, string | string[]>>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(input)
      .filter(([name]) => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) && name !== "version" && name !== "action")
      .slice(0, 64)
      .map(([name, value]) => [
        name,
        Array.isArray(value) ? value.slice(0, 50).map((v) => v.slice(0, 500)) : value.slice(0, 500),
      ]),
  );
}
