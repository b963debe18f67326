import { getTranslations } from "next-intl/server";
import { CONNECTOR_STEPS, FLOW_EXTENSION_EVENTS, type ExtensionEvent } from "../../../../_lib/journeys";
import { BUTTON, FieldProblem, INPUT, LINK, ReturnTo, problemId } from "../../_components/form-parts";
import { H2, SECTION, versionOf, type EditorSectionProps } from "./editor-props";

/** What the section may offer: the tenant's connectors and extensions, or nothing when the administrator may not read them. */
export interface FlowExtensionChoices {
  connectors: readonly { id: string; displayName: string }[];
  extensions: readonly { id: string; displayName: string; eventType: ExtensionEvent }[];
  readable: boolean;
}

/**
 * Which API connector runs at each of Entra's two sign-up steps, and which custom authentication
 * extension at each of the flow's events (token issuance is attached per application, by a listener).
 */
export async function ExtensionsSection({
  tenant,
  flow,
  here,
  canWrite,
  problems,
  choices,
}: EditorSectionProps & { choices: FlowExtensionChoices }) {
  const t = await getTranslations("admin.userFlows.editor.extensions");
  const steps = await getTranslations("admin.extensions.test.steps");
  const events = await getTranslations("admin.extensions.events");
  const connectors = (flow.definition.apiConnectors as Record<string, string> | undefined) ?? {};
  const attached = (flow.definition.customAuthenticationExtensions as Record<string, string> | undefined) ?? {};
  const problem = problems.extensions;
  const described = problem ? problemId("extensions") : undefined;
  /** A stored id the list does not have (deleted since) stays visible, so a save does not silently drop it. */
  const options = (list: readonly { id: string; displayName: string }[], current: string | undefined) => [
    ...list,
    ...(current && !list.some((item) => item.id === current)
      ? [{ id: current, displayName: t("missing", { id: current }) }]
      : []),
  ];
  return (
    <section aria-labelledby="extensions-heading" className={SECTION}>
      <h2 id="extensions-heading" className={H2}>
        {t("title")}
      </h2>
      <p className="mt-2 max-w-prose text-gray-800">{t("intro")}</p>
      {!choices.readable ? (
        <p className="mt-2">{t("unreadable")}</p>
      ) : (
        <form method="post" action={`${here}/extensions`} className="mt-4" noValidate>
          <ReturnTo path={here} />
          <input type="hidden" name="version" value={versionOf(flow)} />
          <input type="hidden" name="field" value="extensions" />
          <fieldset id="extensions" disabled={!canWrite} className="space-y-4">
            <legend className="sr-only">{t("title")}</legend>
            {CONNECTOR_STEPS.map((step) => (
              <div key={step}>
                <label htmlFor={`apiConnector-${step}`} className="font-semibold">
                  {t("connectorAt", { step: steps(step) })}
                </label>
                <select
                  id={`apiConnector-${step}`}
                  name={`apiConnector-${step}`}
                  defaultValue={connectors[step] ?? ""}
                  aria-describedby={described}
                  className={INPUT}
                >
                  <option value="">{t("none")}</option>
                  {options(choices.connectors, connectors[step]).map((connector) => (
                    <option key={connector.id} value={connector.id}>
                      {connector.displayName}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            {FLOW_EXTENSION_EVENTS.map((event) => (
              <div key={event}>
                <label htmlFor={`customExtension-${event}`} className="font-semibold">
                  {events(event)}
                </label>
                <select
                  id={`customExtension-${event}`}
                  name={`customExtension-${event}`}
                  defaultValue={attached[event] ?? ""}
                  aria-describedby={described}
                  className={INPUT}
                >
                  <option value="">{t("none")}</option>
                  {options(
                    choices.extensions.filter((extension) => extension.eventType === event),
                    attached[event],
                  ).map((extension) => (
                    <option key={extension.id} value={extension.id}>
                      {extension.displayName}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <FieldProblem field="extensions" text={problem} />
          </fieldset>
          {canWrite && (
            <button type="submit" className={`${BUTTON} mt-4`}>
              {t("save")}
            </button>
          )}
        </form>
      )}
      <p className="mt-4">
        <a href={`/${tenant.slug}/admin/extensions`} className={LINK}>
          {t("manage")}
        </a>
      </p>
    </section>
  );
}
