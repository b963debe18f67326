import type { GraphQueryOptions, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import type { OrderByItem } from "./ast";
import { parseFilter } from "./filter";

type OptionName = NonNullable<GraphRoute["queryOptions"]>[number];

const SYSTEM_OPTIONS: Record<string, OptionName | "format"> = {
  $select: "select",
  $filter: "filter",
  $orderby: "orderBy",
  $top: "top",
  $count: "count",
  $search: "search",
  $skiptoken: "skipToken",
  $expand: "expand",
  $format: "format",
};

export const MAX_TOP = 999;

/**
 * The OData options of one request (contract §0.5). Options a route does not honour are refused
 * (`$skip` everywhere, as Graph does on directory collections) rather than silently ignored, so a
 * client never reads a page that means something else than it asked.
 */
export function parseQueryOptions(url: URL, headers: Headers, route: Pick<GraphRoute, "queryOptions">): GraphQueryOptions {
  const raw: [string, string][] = [];
  for (const [name, value] of url.searchParams) raw.push([name, value]);
  const advanced = (headers.get("consistencylevel") ?? "").trim().toLowerCase() === "eventual";
  const allowed = new Set<string>(route.queryOptions ?? []);
  const options: GraphQueryOptions = { count: false, advanced, raw };
  const seen = new Set<string>();
  for (const [rawName, value] of raw) {
    const name = rawName.toLowerCase();
    const option = SYSTEM_OPTIONS[name] ?? (name.startsWith("$") ? undefined : null);
    if (option === null) continue; // not an OData option: a route-specific parameter, or noise clients add
    if (option === undefined || name === "$skip")
      throw graphErrors.unsupportedQuery(`Query option '${rawName}' is not supported.`);
    if (seen.has(name)) throw graphErrors.badRequest(`Query option '${rawName}' is specified more than once.`);
    seen.add(name);
    if (option === "format") {
      if (value.toLowerCase() !== "json") throw graphErrors.unsupportedQuery(`$format '${value}' is not supported.`);
      continue;
    }
    if (!allowed.has(option)) throw graphErrors.unsupportedQuery(`Query option '${rawName}' is not supported on this resource.`);
    switch (option) {
      case "select":
        options.select = names(value, "$select");
        break;
      case "expand":
        options.expand = expandItems(value);
        break;
      case "filter":
        options.filter = parseFilter(value);
        break;
      case "orderBy":
        options.orderBy = orderBy(value);
        break;
      case "top":
        options.top = top(value);
        break;
      case "count":
        if (value !== "true" && value !== "false") throw graphErrors.badRequest(`$count must be true or false, not '${value}'.`);
        options.count = value === "true";
        break;
      case "search":
        options.search = search(value, advanced);
        break;
      case "skipToken":
        if (!value) throw graphErrors.badRequest("$skiptoken is empty.");
        options.skipToken = value;
        break;
    }
  }
  return options;
}

function names(value: string, option: string): string[] {
  const list = value.split(",").map((part) => part.trim());
  if (list.some((name) => !/^[A-Za-z_][A-Za-z0-9_./]*$/.test(name)))
    throw graphErrors.badRequest(`${option} '${value}' is not a comma-separated list of property names.`);
  return list;
}

/**
 * `$expand`: navigation properties, each optionally with nested options in parentheses
 * (`resourceRoleScopes($expand=role,scope)`, contract §7.1), split on top-level commas only. Items
 * stay as written; the route says which it serves.
 */
function expandItems(value: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = value[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth < 0) break;
    else if ((c === "," && depth === 0) || i === value.length) {
      items.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0 || items.some((item) => !/^[A-Za-z_][A-Za-z0-9_./]*(\(.+\))?$/.test(item)))
    throw graphErrors.badRequest(`$expand '${value}' is not a comma-separated list of navigation properties.`);
  return items;
}

function orderBy(value: string): OrderByItem[] {
  return value.split(",").map((part) => {
    const [property, direction, ...rest] = part.trim().split(/\s+/);
    const dir = (direction ?? "asc").toLowerCase();
    if (!property || rest.length || (dir !== "asc" && dir !== "desc") || !/^[A-Za-z_][A-Za-z0-9_/]*$/.test(property))
      throw graphErrors.badRequest(`$orderby '${value}' is not valid: property names, each optionally asc or desc.`);
    return { property, direction: dir };
  });
}

function top(value: string): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_TOP)
    throw graphErrors.badRequest(`Invalid page size specified: '${value}'. Must be between 1 and ${MAX_TOP} inclusive.`);
  return n;
}

/** `"displayName:foo" AND "mail:bar"` (contract §0.5); needs `ConsistencyLevel: eventual`. */
function search(value: string, advanced: boolean): { property: string; value: string }[] {
  if (!advanced)
    throw graphErrors.unsupportedQuery(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  // Clauses joined by AND narrow the result; OR would widen it, which the resources cannot express.
  if (/\s+OR\s+/.test(value)) throw graphErrors.unsupportedQuery("$search with OR is not supported; join clauses with AND.");
  const clauses = value.split(/\s+AND\s+/);
  return clauses.map((clause) => {
    const match = /^"([A-Za-z][A-Za-z0-9_]*):([^"]*)"$/.exec(clause.trim());
    if (!match) throw graphErrors.badRequest(`$search '${value}' is not valid: use "property:text".`);
    return { property: match[1]!, value: match[2]! };
  });
}
