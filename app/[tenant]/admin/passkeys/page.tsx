import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageRequest } from "../../../_lib/http/page-request";
import { services } from "../../../_lib/server";
import { PasskeyCeremony, PasskeyScript } from "../_components/passkey-ceremony";
import { requireAdmin } from "../_lib/session";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.passkeys");
  return { title: t("title") };
}

/** The administrator's own passkeys: list, register (a WebAuthn ceremony), remove. */
export default async function PasskeysPage({ params, searchParams }: Props) {
  const { tenant, session, locale } = await requireAdmin((await params).tenant, "overview.read");
  const query = await searchParams;
  const [t, request] = [await getTranslations("admin.passkeys"), await pageRequest()];
  const keys = await services().admin.passkeys.list(tenant.slug, session.memberId);
  const base = `/${tenant.slug}/admin`;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2">{t("intro")}</p>
      {query.removed === "1" && (
        <p role="status" className="mt-4 rounded border-l-4 border-gray-700 bg-gray-100 p-4">
          {t("removed")}
        </p>
      )}
      <table className="mt-6 w-full border-collapse text-left">
        <caption className="text-left font-semibold">{t("caption", { count: keys.length })}</caption>
        <thead>
          <tr className="border-b border-gray-400">
            <th scope="col" className="py-2 pr-4">
              {t("name")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("created")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("lastUsed")}
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} className="border-b border-gray-200">
              <td className="py-2 pr-4">{key.name}</td>
              <td className="py-2 pr-4">{date.format(key.createdAt)}</td>
              <td className="py-2 pr-4">{key.lastUsedAt ? date.format(key.lastUsedAt) : t("never")}</td>
              <td className="py-2">
                <form method="post" action={`${base}/passkeys/remove`}>
                  <input type="hidden" name="id" value={key.id} />
                  <input type="hidden" name="returnTo" value={`${base}/passkeys`} />
                  <button
                    type="submit"
                    className="min-h-11 rounded border border-red-800 px-3 py-1 text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900"
                  >
                    {t("remove", { name: key.name })}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mt-8 text-xl font-semibold">{t("registerHeading")}</h2>
      <noscript>
        <p className="mt-2">{t("needsScript")}</p>
      </noscript>
      <div className="mt-4">
        <PasskeyCeremony
          mode="register"
          options={`${base}/passkeys/registration/options`}
          verify={`${base}/passkeys/registration/verify`}
          label={t("register")}
          texts={{ working: t("working"), failed: t("failed"), refused: t("failed"), expired: t("failed") }}
        >
          <label className="flex flex-col gap-1">
            <span>{t("nameLabel")}</span>
            <input
              name="name"
              required
              maxLength={60}
              className="min-h-11 rounded border border-gray-700 px-3 focus-visible:outline-2 focus-visible:outline-gray-900"
            />
          </label>
          <input type="hidden" name="returnTo" value={`${base}/passkeys`} />
        </PasskeyCeremony>
      </div>
      <PasskeyScript nonce={request.nonce} />
    </section>
  );
}
