import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { services } from "../../../../../_lib/server";
import { DANGER_BUTTON, LINK } from "../../../_components/form-parts";
import { requireAdmin } from "../../../_lib/session";
import { tenantOrNotFound } from "../../../../tenant";
import { isRefusal } from "../../_lib/problems";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const STATES = ["pending", "accepted", "expired", "revoked"];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.invitations.reset");
  return { title: t("pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName }) };
}

/**
 * Confirms a reset of an invitation's redemption before it happens (it signs the guest out and
 * removes the sign-ins they redeemed with): what it does, whether the new invitation goes out by
 * e-mail, and one POST that does it. Another tenant's invitation, or none, is a 404.
 */
export default async function ConfirmResetPage({ params, searchParams }: Props) {
  const { tenant: slug, id } = await params;
  const { tenant, actor } = await requireAdmin(slug, "guests.invite");
  const t = await getTranslations("admin.invitations.reset");
  const base = `/${tenant.slug}/admin/invitations`;
  const state = (await searchParams).state;
  const back = typeof state === "string" && STATES.includes(state) ? `${base}?state=${state}` : base;
  let invitation;
  try {
    invitation = await services().invitations.get(actor, tenant.slug, id);
  } catch (error) {
    if (isRefusal(error) && error.code === "notFound") notFound();
    throw error;
  }
  return (
    <section aria-labelledby="reset-title" className="max-w-2xl">
      <h1 id="reset-title" className="text-2xl font-bold">
        {t("title", { email: invitation.email })}
      </h1>
      <p className="mt-4">{t("body")}</p>
      <form method="post" action={`${base}/${invitation.id}/reset/confirm`} className="mt-6">
        <input type="hidden" name="returnTo" value={`${base}/${invitation.id}/reset`} />
        {typeof state === "string" && STATES.includes(state) && <input type="hidden" name="state" value={state} />}
        <div className="flex items-center gap-2">
          <input id="send" name="send" type="checkbox" value="yes" defaultChecked className="h-5 w-5" />
          <label htmlFor="send">{t("send")}</label>
        </div>
        <div className="mt-6 flex flex-wrap items-center gap-4">
          <button type="submit" className={DANGER_BUTTON}>
            {t("submit")}
          </button>
          <a href={back} className={`${LINK} inline-flex min-h-11 items-center`}>
            {t("cancel")}
          </a>
        </div>
      </form>
    </section>
  );
}
