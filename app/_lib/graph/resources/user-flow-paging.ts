import type { GraphRequest, GraphResult } from "../context";
import { graphErrors } from "../errors";
import { collection } from "../results";

const DEFAULT_TOP = 100;

/**
 * A page of a small collection the service returns whole (a tenant's flows, its attribute
 * catalog), ordered by `id`: `$top` (default 100) and a `$skiptoken` naming the last id of the
 * previous page, MACed and bound to the tenant and entity set like every Graph cursor.
 */
export function pagedCollection(
  request: GraphRequest,
  entitySet: string,
  items: readonly Record<string, unknown>[],
): GraphResult {
  const scope = { tenant: request.tenant.slug, entitySet, filter: request.query.filter ?? null };
  const sorted = [...items].sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));
  let start = 0;
  if (request.query.skipToken !== undefined) {
    const position = request.cursors.decode(scope, request.query.skipToken);
    if (!position) throw graphErrors.badRequest("The $skiptoken is not valid for this request.");
    start = sorted.findIndex((item) => String(item.id) > position.id);
    if (start < 0) start = sorted.length;
  }
  const top = request.query.top ?? DEFAULT_TOP;
  const page = sorted.slice(start, start + top);
  const more = start + top < sorted.length;
  return collection(request, entitySet, page, {
    ...(more ? { nextSkipToken: request.cursors.encode(scope, { value: null, id: String(page[page.length - 1]!.id) }) } : {}),
  });
}
