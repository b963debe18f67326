import { guidOrUndefined } from "./refusal";

/** Rows per page of the section's lists. */
export const PAGE_SIZE = 50;

/** Where a list page starts: after an id (next), before one (previous), or at the beginning. */
export interface PageQuery {
  after?: string;
  before?: string;
}

/** The page's keyset from the query string; a malformed id starts at the beginning. */
export function pageQuery(search: Record<string, string | string[] | undefined>): PageQuery {
  const before = guidOrUndefined(search.before);
  if (before) return { before };
  const after = guidOrUndefined(search.after);
  return after ? { after } : {};
}

/** The list verbs' arguments for this page. */
export const pageArgs = (query: PageQuery) => ({ top: PAGE_SIZE, ...query });

export interface PageLinks {
  previous?: { before: string };
  next?: { after: string };
}

/**
 * The neighbours of a page the service returned for `query` (its `more` says whether there are
 * rows further in the direction read): rows before the first, rows after the last.
 */
export function pageLinks(page: { items: readonly { id: string }[]; more: boolean }, query: PageQuery): PageLinks {
  const first = page.items[0]?.id;
  const last = page.items.at(-1)?.id;
  if (!first || !last) return {};
  const backwards = Boolean(query.before);
  return {
    ...((backwards ? page.more : Boolean(query.after)) ? { previous: { before: first } } : {}),
    ...((backwards ? true : page.more) ? { next: { after: last } } : {}),
  };
}

/** `path` with the list's filters kept and the page's keyset set (no keyset: the first page). */
export function pageHref(path: string, keep: Record<string, string | undefined>, at: PageQuery): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(keep)) if (value) query.set(name, value);
  if (at.after) query.set("after", at.after);
  if (at.before) query.set("before", at.before);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Display names for the ids a page shows: those in `known` (a list read anyway, e.g. a form's
 * options), the rest one by one (a page has at most PAGE_SIZE of them); one gone meanwhile has none.
 */
export async function namesFor(
  ids: Iterable<string>,
  known: readonly { id: string; displayName: string }[],
  read: (id: string) => Promise<{ displayName: string }>,
): Promise<Map<string, string>> {
  const names = new Map(known.map((item) => [item.id, item.displayName]));
  const missing = [...new Set(ids)].filter((id) => !names.has(id));
  const found = await Promise.all(
    missing.map((id) =>
      read(id).then(
        (item) => item.displayName,
        () => null,
      ),
    ),
  );
  missing.forEach((id, index) => {
    const name = found[index];
    if (name) names.set(id, name);
  });
  return names;
}
