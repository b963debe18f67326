import { getTranslations } from "next-intl/server";
import { isInteractionError } from "../../../_lib/oidc";
import { oidc } from "../../../_lib/server";
import { tenantOrNotFound } from "../../tenant";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
}

/**
 * Where authorize sends the person when they must act. A placeholder until the sign-up journey
 * takes this over: it names the application and says sign-in is not available yet.
 */
export default async function InteractionPage({ params }: Props) {
  const { tenant: slug, id } = await params;
  const tenant = tenantOrNotFound(slug);
  let application: string;
  try {
    application = (await oidc().describeInteraction(tenant.slug, id)).clientName;
  } catch (error) {
    if (!isInteractionError(error)) throw error;
    const t = await getTranslations("oidc.error");
    return (
      <article className="rounded-xl bg-white p-8 text-black shadow">
        <h1 className="text-2xl font-bold">{t("interaction_expired.title")}</h1>
        <p className="mt-4">{t("interaction_expired.body")}</p>
        <p className="mt-4">{t("hint")}</p>
      </article>
    );
  }
  const t = await getTranslations("oidc.interaction");
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold">{t("title", { application })}</h1>
      <p className="mt-4">{t("body", { tenant: tenant.displayName })}</p>
    </article>
  );
}
