import { getTranslations } from "next-intl/server";

/** Claims whose value is seconds since the epoch (OIDC Core §2, §5.1). */
const TIMESTAMPS = new Set(["exp", "iat", "nbf", "auth_time", "updated_at"]);
/** Claims the table explains; the others are shown without a description. */
const DESCRIBED = [
  "iss",
  "sub",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "nonce",
  "amr",
  "acr",
  "sid",
  "azp",
  "email",
  "email_verified",
  "name",
  "given_name",
  "family_name",
  "phone_number",
  "address",
  "locale",
] as const;
type Described = (typeof DESCRIBED)[number];
const isDescribed = (name: string): name is Described => (DESCRIBED as readonly string[]).includes(name);

interface Props {
  caption: string;
  claims: Record<string, unknown>;
  locale: string;
}

/** A claim per row: its name, its value (dates also in words), and what it means. */
export async function ClaimsTable({ caption, claims, locale }: Props) {
  const t = await getTranslations("demo.claims");
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-neutral-400">
            <th scope="col" className="py-2 pr-4">
              {t("claim")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("value")}
            </th>
            <th scope="col" className="py-2">
              {t("meaning")}
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(claims).map(([name, value]) => (
            <tr key={name} className="border-b border-neutral-200 align-top">
              <th scope="row" className="py-2 pr-4 font-mono font-normal">
                {name}
              </th>
              <td className="break-all py-2 pr-4 font-mono">
                {typeof value === "string" ? value : JSON.stringify(value)}
                {TIMESTAMPS.has(name) && typeof value === "number" && (
                  <span className="block font-sans text-neutral-700">
                    <time dateTime={new Date(value * 1000).toISOString()}>{dates.format(new Date(value * 1000))}</time>
                  </span>
                )}
              </td>
              <td className="py-2">{isDescribed(name) ? t(`meanings.${name}`) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
