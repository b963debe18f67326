import type { z } from "zod";
import type { LocalizedText } from "../../directory";
import type { Locale } from "../../i18n";
import { flattenMessages, icuArguments } from "./icu-arguments";
import type { FlowAttribute, UserFlow } from "./types";

export interface TenantContext {
  readonly slug: string;
  readonly locales: readonly Locale[];
  readonly identityProviders: readonly string[];
  readonly knownClientIds?: ReadonlySet<string>;
  readonly sourceMessages?: unknown;
}

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

const problem = (ctx: Ctx, path: Path, message: string) => ctx.addIssue({ code: "custom", path, message });

/** The claim every flow can emit: the e-mail address comes with the identity, not from the form. */
const ALWAYS_AVAILABLE_CLAIMS = ["email"];

export function checkFlowAgainstTenant(flow: UserFlow, tenant: TenantContext, ctx: Ctx): void {
  flow.identityProviders.forEach((id, index) => {
    if (!tenant.identityProviders.includes(id))
      problem(
        ctx,
        ["identityProviders", index],
        `"${id}" is not an identity provider of tenant ${tenant.slug} (it has: ${tenant.identityProviders.join(", ") || "none"})`,
      );
  });
  flow.applications.forEach((clientId, index) => {
    if (tenant.knownClientIds && !tenant.knownClientIds.has(clientId))
      problem(ctx, ["applications", index], `"${clientId}" is not an application of tenant ${tenant.slug}`);
  });
  flow.attributes.forEach((attribute, index) => checkAttribute(flow, attribute, ["attributes", index], tenant, ctx));
  const names = flow.attributes.map((a) => a.definition.name);
  flow.tokenClaims.forEach((name, index) => {
    if (!names.includes(name) && !ALWAYS_AVAILABLE_CLAIMS.includes(name))
      problem(ctx, ["tokenClaims", index], `"${name}" is not an attribute of this user flow`);
  });
  checkOverrides(flow, tenant, ctx);
}

function checkAttribute(flow: UserFlow, attribute: FlowAttribute, path: Path, tenant: TenantContext, ctx: Ctx) {
  const { definition } = attribute;
  if (flow.attributes.findIndex((a) => a.definition.name === definition.name) !== path[1])
    problem(ctx, [...path, "name"], `"${definition.name}" is listed twice`);
  if (definition.source === "identity" && attribute.required)
    problem(ctx, [...path, "required"], `"${definition.name}" comes from the identity provider and cannot be asked for`);
  attribute.apps?.forEach((clientId, index) => {
    if (!flow.applications.includes(clientId))
      problem(
        ctx,
        [...path, "apps", index],
        `"${clientId}" is not one of this flow's applications, so the attribute would never be asked`,
      );
  });
  // Every language the tenant offers must have every text, or a guest meets an unlabelled field.
  checkTexts(definition.label, [...path, "label"], tenant, ctx);
  if (definition.help) checkTexts(definition.help, [...path, "help"], tenant, ctx);
  definition.options?.forEach((option, index) => checkTexts(option.label, [...path, "options", index, "label"], tenant, ctx));
}

function checkTexts(text: LocalizedText | undefined, path: Path, tenant: TenantContext, ctx: Ctx) {
  if (!text) return;
  const missing = tenant.locales.filter((locale) => !text[locale]);
  if (missing.length)
    problem(ctx, path, `needs a text for ${missing.join(", ")} (tenant ${tenant.slug} offers ${tenant.locales.join(", ")})`);
}

function checkOverrides(flow: UserFlow, tenant: TenantContext, ctx: Ctx) {
  const source = tenant.sourceMessages === undefined ? undefined : flattenMessages(tenant.sourceMessages);
  for (const [locale, texts] of Object.entries(flow.overrides)) {
    for (const [key, text] of Object.entries(texts ?? {})) {
      const path = ["overrides", locale, key];
      const used = icuArguments(text);
      if (!used) {
        problem(ctx, path, "is not a valid ICU message (check the braces)");
        continue;
      }
      if (!source) continue;
      const original = source.get(key);
      if (original === undefined) {
        problem(ctx, path, "is not a message key of Guestgate");
        continue;
      }
      const available = icuArguments(original) ?? new Set<string>();
      const unknown = [...used].filter((name) => !available.has(name));
      if (unknown.length)
        problem(ctx, path, `uses ${unknown.map((n) => `{${n}}`).join(", ")}, which this message does not provide`);
    }
  }
}

/** Checks that need the whole file: one flow per name, one flow per app, one meaning per custom attribute name. */
export function checkAcrossFlows(flows: readonly UserFlow[], ctx: Ctx): void {
  const flowOfApp = new Map<string, string>();
  const customTypes = new Map<string, { type: string; format?: string; flow: string }>();
  flows.forEach((flow, flowIndex) => {
    if (flows.findIndex((f) => f.name === flow.name) !== flowIndex)
      problem(ctx, ["userFlows", flowIndex, "name"], `"${flow.name}" is used twice`);
    flow.applications.forEach((clientId, index) => {
      const other = flowOfApp.get(clientId);
      if (other !== undefined && other !== flow.name)
        problem(
          ctx,
          ["userFlows", flowIndex, "applications", index],
          `"${clientId}" is already assigned to user flow "${other}"; an app uses one flow`,
        );
      else flowOfApp.set(clientId, flow.name);
    });
    flow.attributes.forEach(({ definition }, index) => {
      if (definition.kind !== "custom") return;
      const seen = customTypes.get(definition.name);
      if (!seen) customTypes.set(definition.name, { type: definition.type, format: definition.format, flow: flow.name });
      else if (seen.type !== definition.type || seen.format !== definition.format)
        problem(
          ctx,
          ["userFlows", flowIndex, "attributes", index, "type"],
          `custom attribute "${definition.name}" is declared differently in user flow "${seen.flow}"; one name holds one kind of value in a tenant`,
        );
    });
  });
}
