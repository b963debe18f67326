import { getTranslations } from "next-intl/server";
import { BUTTON, FieldProblem, problemId, ReturnTo } from "../../_components/form-parts";
import { H2, SECTION, versionOf, type EditorSectionProps } from "./editor-props";

/** Message keys of the provider kinds (catalog keys are camelCase). */
const KIND_KEYS = {
  "email-otp": "emailOtp",
  "microsoft-entra": "microsoftEntra",
  google: "google",
  facebook: "facebook",
  github: "github",
  oidc: "oidc",
} as const satisfies Record<EditorSectionProps["tenant"]["identityProviders"][number]["kind"], string>;

/** The identity providers the flow offers on its first page, among the tenant's. */
export async function ProvidersSection({ tenant, flow, here, canWrite, problems }: EditorSectionProps) {
  const t = await getTranslations("admin.userFlows.editor");
  const offered = new Set(flow.definition.identityProviders ?? []);
  const problem = problems.identityProviders;
  return (
    <section aria-labelledby="providers-heading" className={SECTION}>
      <h2 id="providers-heading" className={H2}>
        {t("providers.title")}
      </h2>
      <form method="post" action={`${here}/identity-providers`} className="mt-4" noValidate>
        <ReturnTo path={here} />
        <input type="hidden" name="version" value={versionOf(flow)} />
        <input type="hidden" name="field" value="identityProviders" />
        <fieldset
          id="identityProviders"
          aria-describedby={problem ? problemId("identityProviders") : undefined}
          disabled={!canWrite}
        >
          <legend className="font-semibold">{t("providers.legend")}</legend>
          <ul className="mt-2 space-y-2">
            {tenant.identityProviders.map((provider) => (
              <li key={provider.id} className="flex min-h-11 items-center gap-3">
                <input
                  type="checkbox"
                  id={`provider-${provider.id}`}
                  name="identityProvider"
                  value={provider.id}
                  defaultChecked={offered.has(provider.id)}
                  className="size-5"
                />
                <label htmlFor={`provider-${provider.id}`}>
                  {t(`providers.kinds.${KIND_KEYS[provider.kind]}`)} <span className="font-mono text-sm">({provider.id})</span>
                </label>
              </li>
            ))}
          </ul>
          <FieldProblem field="identityProviders" text={problem} />
        </fieldset>
        {canWrite && (
          <button type="submit" className={`${BUTTON} mt-4`}>
            {t("providers.save")}
          </button>
        )}
      </form>
    </section>
  );
}
