import { getTranslations } from "next-intl/server";
import { LINK } from "../../_components/form-parts";
import { pageHref, type PageLinks } from "../_lib/paging";

/**
 * Previous and next links under a list of the section: plain links (no script), keeping the
 * list's filters, in a navigation landmark named after the list for screen readers.
 */
export async function Pager({
  path,
  keep = {},
  links,
  list,
}: {
  path: string;
  keep?: Record<string, string | undefined>;
  links: PageLinks;
  /** The list's name, as its table's caption says it. */
  list: string;
}) {
  if (!links.previous && !links.next) return null;
  const t = await getTranslations("admin.access.paging");
  return (
    <nav aria-label={t("label", { list })} className="mt-4 flex flex-wrap gap-6">
      {links.previous && (
        <a href={pageHref(path, keep, links.previous)} rel="prev" className={`${LINK} inline-flex min-h-11 items-center`}>
          <span aria-hidden="true">←&nbsp;</span>
          {t("previous")}
        </a>
      )}
      {links.next && (
        <a href={pageHref(path, keep, links.next)} rel="next" className={`${LINK} inline-flex min-h-11 items-center`}>
          {t("next")}
          <span aria-hidden="true">&nbsp;→</span>
        </a>
      )}
    </nav>
  );
}
