import { loadMessages, type Locale } from "../../i18n";
import type { GraphRequest, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { collection, entity, noContent } from "../results";
import { callUserFlows } from "./user-flow-errors";
import { auditOptions, flowContext, getFlow, tenantConfiguration } from "./user-flow-lookup";
import { graphFlowId } from "./user-flow-mapping";
import { ATTRIBUTE_PAGE_ID, defaultPage, overridesFromPage, pageFromOverrides } from "./user-flow-pages";

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

/** userFlowLanguageConfiguration (contract §4.2): the tenant's enabled languages; WF flows cannot add any. */
const language = (id: string) => ({ id, displayName: languageNames.of(id) ?? id, isEnabled: true });

async function languageOf(request: GraphRequest): Promise<Locale> {
  const { locales } = await tenantConfiguration(request);
  const found = locales.find((l) => l.toLowerCase() === request.params.lang!.toLowerCase());
  if (!found) throw graphErrors.notFound(request.params.lang!);
  return found;
}

function checkPage(request: GraphRequest): void {
  if (request.params.pageId!.toLowerCase() !== ATTRIBUTE_PAGE_ID) throw graphErrors.notFound(request.params.pageId!);
}

const languagesSet = (name: string) => `identity/b2xUserFlows('${graphFlowId(name)}')/languages`;

export const USER_FLOW_LANGUAGE_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/languages",
    access: ACCESS.userFlowsRead,
    summary: "The languages of a user flow: the tenant's enabled languages.",
    async handle(request) {
      const flow = await getFlow(request);
      const { locales } = await tenantConfiguration(request);
      return collection(request, languagesSet(flow.name), locales.map(language));
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/languages/{lang}",
    access: ACCESS.userFlowsRead,
    summary: "One language of a user flow.",
    async handle(request) {
      const flow = await getFlow(request);
      return entity(request, languagesSet(flow.name), language(await languageOf(request)));
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/languages/{lang}/overridesPages",
    access: ACCESS.userFlowsRead,
    summary: "The override pages of a language: Guestgate has the attribute page, selfasserted1_1.",
    async handle(request) {
      const flow = await getFlow(request);
      const lang = await languageOf(request);
      return collection(request, `${languagesSet(flow.name)}('${lang}')/overridesPages`, [{ id: ATTRIBUTE_PAGE_ID }]);
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/languages/{lang}/defaultPages",
    access: ACCESS.userFlowsRead,
    summary: "The default pages of a language: Guestgate has the attribute page, selfasserted1_1.",
    async handle(request) {
      const flow = await getFlow(request);
      const lang = await languageOf(request);
      return collection(request, `${languagesSet(flow.name)}('${lang}')/defaultPages`, [{ id: ATTRIBUTE_PAGE_ID }]);
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/languages/{lang}/defaultPages/{pageId}/$value",
    access: ACCESS.userFlowsRead,
    summary: "Guestgate's own texts of the page in a language, in the override format (read-only).",
    async handle(request) {
      checkPage(request);
      const flow = await getFlow(request);
      const lang = await languageOf(request);
      const attributes = (flow.definition.attributes ?? []).map((a) => a.name);
      return { status: 200, text: defaultPage(await loadMessages(lang), attributes), contentType: "application/json" };
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/languages/{lang}/overridesPages/{pageId}/$value",
    access: ACCESS.userFlowsRead,
    summary: "The flow's overrides for a language as a LocalizedStrings file.",
    async handle(request) {
      checkPage(request);
      const flow = await getFlow(request);
      const lang = await languageOf(request);
      return { status: 200, text: pageFromOverrides(flow.definition.overrides?.[lang] ?? {}), contentType: "application/json" };
    },
  },
  {
    method: "PUT",
    path: "identity/b2xUserFlows/{id}/languages/{lang}/overridesPages/{pageId}/$value",
    access: ACCESS.userFlowsWrite,
    summary: "Replace the flow's overrides for a language with a LocalizedStrings file.",
    textBody: true,
    async handle(request) {
      checkPage(request);
      const { tenantId, name } = flowContext(request);
      const lang = await languageOf(request);
      const texts = overridesFromPage(request.text);
      await callUserFlows(request.params.id!, () =>
        request.services.userFlows.putOverrides(request.actor, tenantId, name, lang, texts, auditOptions(request)),
      );
      return noContent();
    },
  },
];
