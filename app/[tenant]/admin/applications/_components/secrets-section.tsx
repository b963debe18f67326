import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { BUTTON, DANGER_BUTTON, ReturnTo } from "../../_components/form-parts";
import { SecretFields } from "./fields";
import { H2, SECTION, type SectionProps } from "./section-props";

/** The application's client secrets: only their hint and dates, never a value; create and revoke. */
export async function SecretsSection({ app, here, canWrite, feedback, problems }: SectionProps) {
  const t = await getTranslations("admin.applications");
  const format = await getFormatter();
  const now = (await getNow()).getTime();
  return (
    <section aria-labelledby="secrets-title" className={SECTION}>
      <h2 id="secrets-title" className={H2}>
        {t("secrets.title")}
      </h2>
      <p className="mt-2">{t("secrets.intro")}</p>
      {app.passwords.length === 0 ? (
        <p className="mt-4">{t("secrets.none")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("secrets.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("secrets.displayName")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("secrets.hint")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("secrets.expires")}
                </th>
                {canWrite && (
                  <th scope="col" className="py-2 pr-4">
                    {t("actions")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {app.passwords.map((secret) => (
                <tr key={secret.keyId} className="border-b border-gray-300">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {secret.displayName ?? t("secrets.unnamed")}
                  </th>
                  <td className="py-2 pr-4 font-mono">{secret.hint}…</td>
                  <td className="py-2 pr-4">
                    {format.dateTime(secret.endDateTime, { dateStyle: "medium" })}
                    {secret.endDateTime.getTime() <= now ? ` (${t("secrets.expired")})` : ""}
                  </td>
                  {canWrite && (
                    <td className="py-2 pr-4">
                      <form method="post" action={`${here}/secrets/revoke`}>
                        <ReturnTo path={here} />
                        <input type="hidden" name="keyId" value={secret.keyId} />
                        <button type="submit" className={DANGER_BUTTON}>
                          {t("secrets.revoke", { name: secret.displayName ?? secret.hint })}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <form method="post" action={`${here}/secrets`} className="mt-6 rounded border border-gray-400 p-4" noValidate>
          <h3 className="font-semibold">{t("secrets.create")}</h3>
          <ReturnTo path={here} />
          <SecretFields
            labels={{ name: t("fields.secretDisplayName"), expiry: t("fields.secretExpiry") }}
            values={{ name: feedback?.values.secretDisplayName ?? "", expiry: feedback?.values.secretExpiry ?? "180" }}
            problems={problems}
            daysLabel={(days) => t("secrets.days", { days })}
          />
          <button type="submit" className={`${BUTTON} mt-4`}>
            {t("secrets.createButton")}
          </button>
        </form>
      )}
    </section>
  );
}
