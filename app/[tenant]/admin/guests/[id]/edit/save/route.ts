import {
  DirectoryError,
  displayNameFor,
  isDirectoryError,
  type AttributeValue,
  type GuestDetails,
  type ProvenIdentity,
} from "../../../../../../_lib/directory";
import { parseAttributeSubmission } from "../../../../../../_lib/journeys";
import { isLocale, SOURCE_LOCALE } from "../../../../../../_lib/i18n";
import { services } from "../../../../../../_lib/server";
import { adminAction } from "../../../../_lib/action";
import { flashCookie, newFlashId, seeOtherWithFlash, type EditFlash } from "../../../_lib/flash";
import { formValue, loadGuestView } from "../../../_lib/guest-view";

const GUEST_ID = /^[A-Za-z0-9-]{1,64}$/;
/** No name from an identity provider here: only the attributes name the guest (as the profile journey does). */
const NO_IDENTITY: ProvenIdentity = { providerId: "", issuer: "", subject: "", emailVerified: false };

/**
 * Saves the edit form: validated with the guest's flow's attribute schema (the journey's own),
 * written with the administrator as actor only if the guest is still at the version the form
 * was read at (`unchangedSince`, checked inside the write's transaction). A refusal goes back to
 * the form with the problems, or with what changed meanwhile — nothing is overwritten.
 */
export const POST = adminAction<{ id: string }>("guests.write", async ({ tenant, actor, form, params, request }) => {
  if (!GUEST_ID.test(params.id)) return new Response(null, { status: 404 });
  const language = request.headers.get("content-language");
  const view = await loadGuestView(actor, tenant, params.id, isLocale(language) ? language : SOURCE_LOCALE);
  if (!view) return new Response(null, { status: 404 });
  const { guest, flow, clientId } = view;
  const page = `/${tenant.slug}/admin/guests/${guest.id}`;
  if (!flow || !clientId) return { redirect: page };

  const submission = new FormData();
  for (const [name, value] of form)
    if (name !== "version" && name !== "seen" && name !== "returnTo") submission.append(name, value);
  const typed = typedValues(submission);
  const back = (flash: Omit<EditFlash, "id" | "guestId">) => {
    const id = newFlashId();
    return seeOtherWithFlash(`${page}/edit?flash=${id}`, flashCookie(tenant.slug, { id, guestId: guest.id, ...flash }));
  };

  const parsed = parseAttributeSubmission(flow, submission, { appId: clientId, storedValues: guest.attributes });
  if (!parsed.ok) {
    const errors: NonNullable<EditFlash["errors"]> = {};
    for (const problem of parsed.problems)
      errors[problem.field] ??= { id: problem.message.id, context: problem.message.context as Record<string, string | number> };
    return back({ values: typed, errors });
  }

  const version = new Date(form.get("version") ?? "");
  const values = Object.fromEntries(
    Object.entries(parsed.values).filter((entry): entry is [string, AttributeValue] => entry[1] !== null),
  );
  const remove = Object.entries(parsed.values)
    .filter(([name, value]) => value === null && guest.attributes[name] !== undefined)
    .map(([name]) => name);
  const kept = Object.fromEntries(Object.entries(guest.attributes).filter(([name]) => !remove.includes(name)));
  const displayName = displayNameFor({ ...kept, ...values }, NO_IDENTITY);
  try {
    if (Number.isNaN(version.getTime())) throw staleError();
    await services().directory.updateAttributes(actor, tenant.slug, guest.id, {
      values,
      ...(remove.length ? { remove } : {}),
      ...(displayName && displayName !== guest.displayName ? { displayName } : {}),
      unchangedSince: version,
    });
  } catch (error) {
    if (isDirectoryError(error) && error.code === "conflict") return back({ conflict: changedMeanwhile(guest, form, typed) });
    if (isDirectoryError(error) && error.code === "forbidden") return { redirect: `${page}?done=forbidden` };
    if (isDirectoryError(error) && error.code === "notFound") return new Response(null, { status: 404 });
    throw error;
  }
  return { redirect: `${page}?done=saved` };
});

/** A version that is not a date cannot match the guest's: treated as a change meanwhile. */
function staleError() {
  return new DirectoryError("conflict", "stale: the form carried no version");
}

/** The attributes whose stored value is no longer what the form showed (`seen`), and what this administrator typed for them. */
function changedMeanwhile(current: GuestDetails, form: URLSearchParams, typed: Record<string, string | string[]>) {
  let seen: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(form.get("seen") ?? "{}");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) seen = parsed as Record<string, unknown>;
  } catch {
    // A form without what it showed: every attribute it sent counts as changed.
  }
  const names = new Set([...Object.keys(seen), ...Object.keys(typed)]);
  const changed = [...names]
    .filter((name) => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name))
    .filter((name) => JSON.stringify(formValue(current.attributes[name]) ?? null) !== JSON.stringify(seen[name] ?? null))
    .sort()
    .slice(0, 64);
  return {
    changed,
    typed: Object.fromEntries(changed.filter((name) => typed[name] !== undefined).map((name) => [name, typed[name]!])),
  };
}

/** The form's own fields as typed, to show again (bounded: they travel in a cookie). */
function typedValues(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(form.keys())) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name)) continue;
    const all = form
      .getAll(name)
      .filter((v): v is string => typeof v === "string")
      .map((v) => v.slice(0, 2048));
    out[name] = all.length === 1 ? all[0]! : all.slice(0, 64);
  }
  return out;
}
