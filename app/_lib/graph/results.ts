import type { GraphRequest, GraphResult } from "./context";
import { graphErrors } from "./errors";

/** `{root}/$metadata#users/$entity` and friends (contract §0.3); clients rarely read it. */
const context = (request: Pick<GraphRequest, "serviceRoot">, fragment: string) => `${request.serviceRoot}/$metadata#${fragment}`;

/**
 * A collection page. `nextSkipToken` becomes an absolute `@odata.nextLink` that repeats every
 * option of this request with `$skiptoken` replaced (contract §0.6): the Graph JS client follows
 * only absolute https links, so the link is built from the configured base URL, never from Host.
 */
export function collection(
  request: Pick<GraphRequest, "serviceRoot" | "url" | "query">,
  entitySet: string,
  value: readonly Record<string, unknown>[],
  options: { nextSkipToken?: string; count?: number } = {},
): GraphResult {
  const body: Record<string, unknown> = { "@odata.context": context(request, entitySet) };
  if (options.count !== undefined) body["@odata.count"] = options.count;
  body.value = value;
  if (options.nextSkipToken !== undefined) body["@odata.nextLink"] = nextLink(request, options.nextSkipToken);
  return { status: 200, body };
}

export function nextLink(request: Pick<GraphRequest, "serviceRoot" | "url" | "query">, skipToken: string): string {
  const path = request.url.pathname.replace(/^.*?\/graph\/[^/]+/, "");
  const pairs = request.query.raw.filter(([name]) => name.toLowerCase() !== "$skiptoken");
  const query = [...pairs, ["$skiptoken", skipToken] as const]
    .map(([name, value]) => `${encodeQueryPart(name)}=${encodeQueryPart(value)}`)
    .join("&");
  return `${request.serviceRoot}${path}?${query}`;
}

// `$` stays readable; everything the Graph client splits on (& and =) is escaped (contract §0.1).
const encodeQueryPart = (part: string) => encodeURIComponent(part).replace(/%24/g, "$").replace(/%2C/gi, ",");

export function entity(
  request: Pick<GraphRequest, "serviceRoot">,
  entitySet: string,
  body: Record<string, unknown>,
  options: { status?: 200 | 201; location?: string } = {},
): GraphResult {
  return {
    status: options.status ?? 200,
    body: { "@odata.context": context(request, `${entitySet}/$entity`), ...body },
    ...(options.location ? { headers: { Location: options.location } } : {}),
  };
}

export const noContent = (): GraphResult => ({ status: 204 });

/**
 * `$select` over an entity: the selected properties (unset ones as null, contract §0.3), `id`
 * always; without `$select`, the resource's default set. An unknown name is refused, naming it.
 */
export function project(
  full: Record<string, unknown>,
  select: readonly string[] | undefined,
  options: { type: string; defaults?: readonly string[]; known: ReadonlySet<string> | ((name: string) => boolean) },
): Record<string, unknown> {
  const known =
    typeof options.known === "function" ? options.known : (name: string) => (options.known as ReadonlySet<string>).has(name);
  const names = select ?? options.defaults;
  if (!names) return full;
  for (const name of names)
    if (!known(name))
      throw graphErrors.badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.${options.type}'.`);
  const out: Record<string, unknown> = {};
  if ("id" in full) out.id = full.id;
  for (const name of names) out[name] = full[name] ?? null;
  return out;
}
