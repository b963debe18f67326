import { z } from "zod";
import {
  answerProblems,
  EntitlementError,
  isEntitlementError,
  questionsOf,
  type EntitlementService,
  type OutsiderIdentity,
  type PolicyRecord,
  type Requestable,
} from "../access";
import type { Actor } from "../directory";
import { readBoundedForm, isSameOriginPost } from "../http";
import { isLocale, LOCALE_HEADER } from "../i18n";
import type { Tenant } from "../tenant";
import type { Done } from "./done";
import { formStateCookie, packagePagePath, type FieldProblem, type FormState } from "./form-state";
import { scheduleFieldProblems, scheduleOfForm } from "./schedule-fields";

/** A request form holds a few answers; anything far larger is not ours. */
const MAX_FORM_BYTES = 64 * 1024;
const guid = z.string().regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i);

/** The form field of a question's answer: `answer.<questionId>` (several for a multiple selection). */
export const answerField = (questionId: string) => `answer.${questionId}`;

const forms = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("request"),
    packageId: guid,
    policyId: z.union([guid, z.literal("")]).default(""),
    justification: z.string().max(4000).default(""),
    startDate: z.string().max(10).default(""),
    endDate: z.string().max(10).default(""),
  }),
  z.object({ action: z.literal("cancel"), requestId: guid, packageId: guid.optional() }),
  z.object({ action: z.enum(["extend", "remove"]), assignmentId: guid, packageId: guid.optional() }),
]);

export interface MyAccessPorts {
  baseUrl: string;
  secureCookies: boolean;
  entitlements: EntitlementService;
  /** The directory user of this browser's Guestgate OP session in the tenant, if any. */
  signedInGuest(request: Request, tenant: string): Promise<string | undefined>;
  /** Without a guest: the My Access outsider session's identity (a proven address not yet in the directory), if any. */
  signedInOutsider(request: Request, tenant: string): OutsiderIdentity | null;
  clientAddress(request: Request): string;
}

const seeOther = (location: string, cookies: string[] = []) => {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
};
const status = (code: 400 | 403 | 404 | 413) => new Response(null, { status: code, headers: { "Cache-Control": "no-store" } });

/**
 * POST /{tenant}/myaccess/act: every My Access form (request, cancel, extend, remove) posts here.
 * Same-origin only (the CSRF defence of every guest form), signed in only (else to the sign-in,
 * back to the page); the service decides and audits. Always 303 to a My Access page of the tenant,
 * never to anything the form said: refused input goes back with its problems by field.
 */
export async function myAccessAction(request: Request, tenant: Tenant, ports: MyAccessPorts): Promise<Response> {
  if (!isSameOriginPost(request.headers, new URL(ports.baseUrl).origin)) return status(403);
  const read = await readBoundedForm(request, MAX_FORM_BYTES);
  if (!read.ok) return status(read.status);
  const parsed = forms.safeParse(Object.fromEntries(read.form.entries()));
  if (!parsed.success) return status(400);
  const form = parsed.data;
  const local = (path: string) => new URL(path, ports.baseUrl).toString();
  const home = `/${tenant.slug}/myaccess`;
  const back = form.packageId ? packagePagePath(tenant.slug, form.packageId.toLowerCase()) : home;
  const guestId = await ports.signedInGuest(request, tenant.slug);
  const outsider = guestId ? null : ports.signedInOutsider(request, tenant.slug);
  if (!guestId && !outsider) return seeOther(local(`/${tenant.slug}/myaccess/sign-in?returnTo=${encodeURIComponent(back)}`));
  // An outsider is no directory user: My Access itself acts, vouching for the address they proved.
  const actor: Actor = guestId
    ? { type: "guest", guestId, ipAddress: ports.clientAddress(request) }
    : { type: "system", name: "myAccess" };
  const call = { actor, tenantId: tenant.slug };
  const done = (outcome: Done, to = back) => seeOther(local(`${to}?done=${outcome}`));
  const entitlements = ports.entitlements;
  const chosenLocale = request.headers.get(LOCALE_HEADER);
  const locale = isLocale(chosenLocale) ? chosenLocale : tenant.locales.default;

  if (form.action !== "request") {
    // An extension under a policy that approves updates waits for approval: "requested", not "extended".
    let waits = false;
    const refused = await refusalOf(async () => {
      if (outsider) {
        // Someone not yet a guest holds no assignment to extend or remove.
        if (form.action !== "cancel") throw forbiddenToOutsiders();
        await entitlements.outsiderCancel(call, outsider, form.requestId.toLowerCase());
      } else if (form.action === "cancel") await entitlements.cancelRequest(call, form.requestId.toLowerCase());
      else if (form.action === "extend")
        waits =
          (await entitlements.userExtend(call, { assignmentId: form.assignmentId.toLowerCase(), justification: "" })).state ===
          "pendingApproval";
      else await entitlements.userRemove(call, form.assignmentId.toLowerCase());
    });
    if (refused) return seeOther(local(`${back}?refused=${refused}`));
    if (waits) return done("requested");
    return done(form.action === "cancel" ? "canceled" : form.action === "extend" ? "extended" : "removed");
  }

  const packageId = form.packageId.toLowerCase();
  let offered: Requestable | undefined;
  const unreadable = await refusalOf(async () => {
    const overview = outsider
      ? await entitlements.outsiderOverview(tenant.slug, outsider, packageId)
      : await entitlements.overview(actor, tenant.slug, packageId);
    offered = overview.requestable[0];
  });
  if (unreadable) return seeOther(local(`${back}?refused=${unreadable}`));
  const policies = offered?.policies ?? [];
  const policy = policies.find((p) => p.id === form.policyId.toLowerCase()) ?? (policies.length === 1 ? policies[0] : undefined);
  const values = valuesOf(read.form);
  const schedule = scheduleOfForm(form.startDate, form.endDate);
  const problems = policy
    ? { ...problemsOf(policy, read.form, form.justification), ...scheduleFieldProblems(policy, schedule) }
    : { policy: "policy" as const };
  const state = (extra: Partial<FormState>): FormState => ({ policyId: policy?.id ?? "", problems: {}, values, ...extra });
  const again = (extra: Partial<FormState>) =>
    seeOther(local(back), [formStateCookie(tenant.slug, packageId, state(extra), ports.secureCookies)]);
  if (Object.keys(problems).length) return again({ problems });

  let delivered = false;
  const refused = await refusalOf(async () => {
    const input = {
      accessPackageId: packageId,
      policyId: policy!.id,
      justification: form.justification.trim(),
      schedule,
      answers: questionsOf(policy!.settings).flatMap((q) =>
        read.form.getAll(answerField(q.id)).map((value) => ({ questionId: q.id, value })),
      ),
      locale,
    };
    const filed = outsider
      ? await entitlements.outsiderAdd(call, { ...input, outsider })
      : await entitlements.userAdd(call, input);
    delivered = filed.state === "delivered";
  });
  if (refused) return again({ refusal: refused });
  return done(delivered ? "delivered" : "requested");
}

const forbiddenToOutsiders = () =>
  new EntitlementError("forbidden", "Someone not yet in the directory holds no assignment to change.", "assignment");

/** The service's refusal as a word the page says, or null when the verb went through. */
async function refusalOf(work: () => Promise<void>): Promise<FormState["refusal"] | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (!isEntitlementError(error)) throw error;
    return error.code === "conflict" || error.code === "decided"
      ? "conflict"
      : error.code === "forbidden" || error.code === "notFound"
        ? "notAllowed"
        : "failed";
  }
}

/** Every problem of the form at once, by field (the service would stop at the first). */
function problemsOf(policy: PolicyRecord, form: URLSearchParams, justification: string): Record<string, FieldProblem> {
  const questions = questionsOf(policy.settings);
  const answers = questions.flatMap((q) => form.getAll(answerField(q.id)).map((value) => ({ questionId: q.id, value })));
  const problems: Record<string, FieldProblem> = {};
  for (const [id, problem] of answerProblems(questions, answers)) problems[answerField(id)] = problem;
  const settings = policy.settings.requestApprovalSettings as { isRequestorJustificationRequired?: boolean };
  if (settings.isRequestorJustificationRequired && !justification.trim()) problems.justification = "justification";
  return problems;
}

/** What was typed, to show again: answers and the justification only. */
function valuesOf(form: URLSearchParams): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [name, value] of form.entries())
    if (name.startsWith("answer.") || ["justification", "startDate", "endDate"].includes(name))
      values[name] = [...(values[name] ?? []), value.slice(0, 2000)];
  return values;
}
