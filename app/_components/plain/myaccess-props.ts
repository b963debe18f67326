import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import { journeyTranslator } from "../journey/translator";
import {
  isEntitlementError,
  localizedText,
  questionsOf,
  type MyAccessOverview,
  type OutsiderIdentity,
  type PolicyRecord,
  type RequestState,
} from "../../_lib/access";
import { loadMessages, type Locale } from "../../_lib/i18n";
import {
  answerField,
  clearedFormStateCookie,
  doneOf,
  FORM_COOKIE,
  OUTSIDER_COOKIE,
  packagePagePath,
  readFormState,
  type Done,
  type FieldProblem,
  type FormState,
} from "../../_lib/myaccess";
import { oidc, services } from "../../_lib/server";
import type { Tenant } from "../../_lib/tenant";
import { localeOf, shellProps, SHELL_NAMESPACES, tenantOf, type PlainGuestProps } from "./guest-props";

// Server-only: the getServerSideProps of the My Access pages (pages/[tenant]/myaccess/…).

type Refusal = NonNullable<FormState["refusal"]>;
const REFUSALS: readonly Refusal[] = ["conflict", "notAllowed", "failed"];
const REQUEST_TYPES = ["userAdd", "userExtend", "userRemove", "adminAdd", "adminRemove", "systemRemove"] as const;
/** Request states after which the person may ask again. */
const ENDED = ["denied", "canceled", "deliveryFailed"];
const WAITING = ["submitted", "pendingApproval", "scheduled"];

interface CommonProps extends PlainGuestProps {
  /** Where to sign in (back to this page); null when signed in. */
  signInUrl: string | null;
  /** The proven address of someone not yet in the directory (a My Access outsider session), or null. */
  outsiderEmail: string | null;
  /** Where every form of the page posts. */
  action: string;
  done: Done | null;
  refusal: Refusal | null;
}

export interface AssignmentView {
  id: string;
  packageId: string;
  packageName: string;
  live: boolean;
  until: string | null;
  mayExtend: boolean;
  mayRemove: boolean;
}

export interface MyAccessProps extends CommonProps {
  available: { id: string; name: string; description: string }[];
  requests: {
    id: string;
    packageId: string;
    packageName: string;
    type: (typeof REQUEST_TYPES)[number] | "other";
    state: RequestState;
    date: string;
    cancellable: boolean;
  }[];
  assignments: AssignmentView[];
}

export interface QuestionView {
  id: string;
  field: string;
  text: string;
  required: boolean;
  kind: "text" | "multiline" | "choice" | "choices";
  choices: { value: string; text: string }[];
}

export interface PolicyView {
  id: string;
  name: string;
  description: string;
  justificationRequired: boolean;
  /** The policy lets the requestor choose a start and an end date (allowCustomAssignmentSchedule). */
  customSchedule: boolean;
  questions: QuestionView[];
}

export interface PackagePageProps extends CommonProps {
  accessPackage: { id: string; name: string; description: string } | null;
  policies: { id: string; name: string; description: string; href: string }[];
  /** The policy whose form is shown: the only one, or the one chosen (?policy=). */
  policy: PolicyView | null;
  status: "held" | "waiting" | "again" | null;
  waitingRequestId: string | null;
  assignment: AssignmentView | null;
  problems: Record<string, FieldProblem>;
  values: Record<string, string[]>;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

async function common(context: GetServerSidePropsContext, tenant: Tenant, locale: Locale, heading: (t: Translate) => string) {
  const t = await journeyTranslator(locale, undefined);
  const all = (await loadMessages(locale)) as unknown as Record<string, unknown>;
  const messages = Object.fromEntries([...SHELL_NAMESPACES, "myAccess"].map((name) => [name, all[name]]));
  const token = context.req.cookies[oidc().sessionCookieName(tenant.slug)];
  const signedIn = await oidc().signedInGuest(tenant.slug, token);
  // A guest's session wins: someone delivered meanwhile signs in as the guest they became.
  const outsider = signedIn ? null : services().myAccessOutsiders.read(tenant.slug, context.req.cookies[OUTSIDER_COOKIE]);
  const refused = first(context.query.refused);
  return {
    t,
    guestId: signedIn?.guestId ?? null,
    outsider,
    shell: (problem: boolean, title: string) =>
      shellProps(
        context,
        tenant,
        locale,
        messages,
        problem
          ? t("meta.errorPrefix", { title: t("meta.errorTitle", { title, tenant: tenant.displayName }) })
          : t("meta.errorTitle", { title: title || heading(t), tenant: tenant.displayName }),
      ),
    done: doneOf(first(context.query.done)),
    refusal: REFUSALS.find((known) => known === refused) ?? null,
  };
}
type Translate = Awaited<ReturnType<typeof journeyTranslator>>;

/**
 * What My Access shows the signed-in guest or the identified outsider; null when neither (or the
 * outsider's address has become a directory user's since: they sign in as that user now).
 */
async function overviewFor(
  who: { guestId: string | null; outsider: OutsiderIdentity | null },
  tenant: Tenant,
  accessPackageId?: string,
): Promise<MyAccessOverview | null> {
  const entitlements = services().entitlements;
  if (who.guestId) return entitlements.overview({ type: "guest", guestId: who.guestId }, tenant.slug, accessPackageId);
  if (!who.outsider) return null;
  try {
    return await entitlements.outsiderOverview(tenant.slug, who.outsider, accessPackageId);
  } catch (error) {
    if (isEntitlementError(error) && error.code === "forbidden") return null;
    throw error;
  }
}

const signInUrl = (tenant: Tenant, returnTo: string) =>
  `/${tenant.slug}/myaccess/sign-in?returnTo=${encodeURIComponent(returnTo)}`;

const dateIn = (locale: Locale) => (date: Date) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);

function assignmentsOf(overview: MyAccessOverview, locale: Locale): AssignmentView[] {
  const date = dateIn(locale);
  return overview.assignments.map((a) => ({
    id: a.id,
    packageId: a.accessPackageId,
    packageName: overview.packageNames[a.accessPackageId] ?? a.accessPackageId,
    live: a.state === "delivered",
    until: a.state === "delivered" ? (a.expiresAt ? date(a.expiresAt) : null) : a.expiredAt ? date(a.expiredAt) : null,
    mayExtend: a.mayExtend,
    mayRemove: a.mayRemove,
  }));
}

/** /{tenant}/myaccess: what the signed-in person may request, their requests with states, their access. */
export async function myAccessProps(context: GetServerSidePropsContext): Promise<GetServerSidePropsResult<MyAccessProps>> {
  const tenant = tenantOf(context);
  if (!tenant) return { notFound: true };
  const locale = localeOf(context, tenant);
  const base = await common(context, tenant, locale, (t) => t("myAccess.title"));
  const action = `/${tenant.slug}/myaccess/act`;
  const empty = { available: [], requests: [], assignments: [] };
  const overview = await overviewFor(base, tenant);
  if (!overview)
    return {
      props: {
        ...base.shell(false, base.t("myAccess.signInFirst.title")),
        signInUrl: signInUrl(tenant, `/${tenant.slug}/myaccess`),
        outsiderEmail: null,
        action,
        done: null,
        refusal: null,
        ...empty,
      },
    };
  const date = dateIn(locale);
  return {
    props: {
      ...base.shell(false, base.t("myAccess.title")),
      signInUrl: null,
      outsiderEmail: base.guestId ? null : (base.outsider?.email ?? null),
      action,
      done: base.done,
      refusal: base.refusal,
      available: overview.requestable.map(({ accessPackage }) => ({
        id: accessPackage.id,
        name: accessPackage.displayName,
        description: accessPackage.description,
      })),
      requests: overview.requests.map((r) => ({
        id: r.id,
        packageId: r.accessPackageId,
        packageName: overview.packageNames[r.accessPackageId] ?? r.accessPackageId,
        type: REQUEST_TYPES.find((type) => type === r.requestType) ?? "other",
        state: r.state,
        date: date(r.createdAt),
        cancellable: WAITING.includes(r.state),
      })),
      assignments: assignmentsOf(overview, locale),
    },
  };
}

function policyView(policy: PolicyRecord, locale: Locale): PolicyView {
  const approval = policy.settings.requestApprovalSettings as { isRequestorJustificationRequired?: boolean };
  return {
    id: policy.id,
    name: policy.displayName,
    description: policy.description,
    justificationRequired: approval.isRequestorJustificationRequired === true,
    customSchedule:
      (policy.settings.requestorSettings as { allowCustomAssignmentSchedule?: boolean } | null)?.allowCustomAssignmentSchedule ===
      true,
    questions: questionsOf(policy.settings).map((q) => {
      const choice = q["@odata.type"].endsWith("MultipleChoiceQuestion");
      return {
        id: q.id,
        field: answerField(q.id),
        text: localizedText(q, locale),
        required: q.isRequired,
        kind: choice
          ? q.isMultipleSelectionAllowed
            ? "choices"
            : "choice"
          : q.isSingleLineQuestion === false
            ? "multiline"
            : "text",
        choices: (q.choices ?? []).map((c) => ({ value: c.actualValue, text: localizedText(c, locale) })),
      };
    }),
  };
}

/**
 * /{tenant}/myaccess/access-packages/{id}: the request form of one package (a deep link, which may
 * name a hidden package): the policies that admit the person, the chosen one's questions in the
 * page's language and its justification; or that they hold it, or wait, or may ask again. A refused
 * form's problems and input come back once through its cookie (app/_lib/myaccess/form-state.ts).
 */
export async function packagePageProps(context: GetServerSidePropsContext): Promise<GetServerSidePropsResult<PackagePageProps>> {
  const tenant = tenantOf(context);
  const id = first(context.params?.id as string | string[] | undefined)?.toLowerCase() ?? "";
  if (!tenant) return { notFound: true };
  const locale = localeOf(context, tenant);
  const base = await common(context, tenant, locale, (t) => t("myAccess.title"));
  const path = packagePagePath(tenant.slug, id);
  const none = {
    accessPackage: null,
    policies: [],
    policy: null,
    status: null,
    waitingRequestId: null,
    assignment: null,
    problems: {},
    values: {},
  };
  const action = `/${tenant.slug}/myaccess/act`;
  const valid = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/.test(id);
  const signedIn = base.guestId !== null || (await overviewFor(base, tenant, valid ? id : undefined)) !== null;
  if (!signedIn)
    return {
      props: {
        ...base.shell(false, base.t("myAccess.signInFirst.title")),
        signInUrl: signInUrl(tenant, path),
        outsiderEmail: null,
        action,
        done: null,
        refusal: null,
        ...none,
      },
    };
  const overview = valid ? await overviewFor(base, tenant, id) : null;
  const outsiderEmail = base.guestId ? null : (base.outsider?.email ?? null);
  const state = readFormState(context.req.cookies[FORM_COOKIE]);
  if (state) context.res.setHeader("Set-Cookie", clearedFormStateCookie(tenant.slug, id));
  const assignment = overview ? (assignmentsOf(overview, locale).find((a) => a.live) ?? null) : null;
  const offered = overview?.requestable[0];
  if (!overview || (!offered && !assignment)) {
    context.res.statusCode = 404;
    return {
      props: {
        ...base.shell(false, base.t("myAccess.package.notFound")),
        signInUrl: null,
        outsiderEmail,
        action,
        done: base.done,
        refusal: base.refusal,
        ...none,
      },
    };
  }
  const name = offered?.accessPackage.displayName ?? overview.packageNames[id] ?? id;
  const waiting = overview.requests.find((r) => WAITING.includes(r.state));
  const last = overview.requests.find((r) => r.requestType === "userAdd" || r.requestType === "adminAdd");
  const policies = offered?.policies ?? [];
  const chosenId = state?.policyId || first(context.query.policy)?.toLowerCase();
  const chosen = policies.find((p) => p.id === chosenId) ?? (policies.length === 1 ? policies[0] : undefined);
  const problems = state?.problems ?? {};
  const problem = Object.keys(problems).length > 0 || !!state?.refusal;
  return {
    props: {
      ...base.shell(problem, name),
      signInUrl: null,
      outsiderEmail,
      action,
      done: base.done,
      refusal: state?.refusal ?? base.refusal,
      accessPackage: { id, name, description: offered?.accessPackage.description ?? "" },
      policies: policies.map((p) => ({
        id: p.id,
        name: p.displayName,
        description: p.description,
        href: `${path}?policy=${p.id}`,
      })),
      policy: chosen && !assignment && !waiting ? policyView(chosen, locale) : null,
      status: assignment ? "held" : waiting ? "waiting" : last && ENDED.includes(last.state) ? "again" : null,
      waitingRequestId: waiting?.id ?? null,
      assignment,
      problems,
      values: state?.values ?? {},
    },
  };
}
