import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { pageRequest } from "../../../../_lib/http/page-request";
import { services } from "../../../../_lib/server";
import { tenantOrNotFound } from "../../../tenant";
import { PasskeyCeremony, PasskeyScript } from "../../_components/passkey-ceremony";
import { currentAdmin, signInPath } from "../../_lib/session";
import { hasPasskeyProof, portalReturnPath } from "../../_lib/sign-in";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.passkeys");
  return { title: t("stepTitle") };
}

/**
 * The passkey step of a tenant that requires one: after the passcode (or an identity provider),
 * the administrator uses one of their passkeys — or, having none yet, registers the first.
 */
export default async function PasskeyStepPage({ params, searchParams }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const returnTo = portalReturnPath(tenant.slug, (await searchParams).returnTo);
  const session = await currentAdmin(tenant.slug);
  if (!session) redirect(signInPath(tenant.slug, returnTo));
  if (hasPasskeyProof(session.amr)) redirect(returnTo);
  const [t, request] = [await getTranslations("admin.passkeys"), await pageRequest()];
  const hasKeys = (await services().admin.passkeys.list(tenant.slug, session.memberId)).length > 0;
  const base = `/${tenant.slug}/admin/passkeys`;
  const texts = { working: t("working"), failed: t("failed"), refused: t("failed"), expired: t("failed") };
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("stepTitle")}</h1>
      <p className="mt-4">{t(hasKeys ? "stepUse" : "stepRegister", { tenant: tenant.displayName })}</p>
      <noscript>
        <p className="mt-2">{t("needsScript")}</p>
      </noscript>
      <div className="mt-6">
        {hasKeys ? (
          <PasskeyCeremony
            mode="authenticate"
            options={`${base}/authentication/options`}
            verify={`${base}/authentication/verify`}
            label={t("use")}
            texts={texts}
          >
            <input type="hidden" name="returnTo" value={returnTo} />
          </PasskeyCeremony>
        ) : (
          <PasskeyCeremony
            mode="register"
            options={`${base}/registration/options`}
            verify={`${base}/registration/verify`}
            label={t("register")}
            texts={texts}
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
            <input type="hidden" name="returnTo" value={returnTo} />
          </PasskeyCeremony>
        )}
      </div>
      <PasskeyScript nonce={request.nonce} />
    </section>
  );
}
