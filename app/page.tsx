import { getTranslations } from "next-intl/server";
import { tenants } from "./_lib/server";

export default async function HomePage() {
  const t = await getTranslations("home");
  const directory = tenants();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <div className="rounded-xl bg-white p-8 text-black shadow">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="mt-4">{t("intro")}</p>
        {directory.listOnHome ? (
          <>
            <h2 className="mt-8 text-xl font-semibold">{t("tenantsHeading")}</h2>
            <ul className="mt-4 space-y-2">
              {directory.list().map((tenant) => (
                <li key={tenant.slug}>
                  <a className="underline underline-offset-2" href={`/${tenant.slug}`}>
                    {tenant.displayName}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="mt-4">{t("noTenants")}</p>
        )}
      </div>
    </main>
  );
}
