import { isDirectoryError } from "../../directory";
import type { AuditFilter } from "../../audit";
import type { GraphRequest, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import type { FilterExpression, FilterLiteral } from "../odata/ast";
import { ACCESS } from "../permissions";
import { collection, entity } from "../results";

/** `GET /auditLogs/directoryAudits[/{id}]` (contract §8, "Audit records"). */
const ENTITY_SET = "auditLogs/directoryAudits";
const DEFAULT_TOP = 100;

const unsupported = (name: string) => graphErrors.unsupportedQuery(`Unsupported property '${name}' in $filter.`);
const COMPARISONS = new Set(["eq", "gt", "ge", "lt", "le"]);
const EQ_ONLY = new Set([
  "category",
  "activityDisplayName",
  "loggedByService",
  "correlationId",
  "id",
  "initiatedBy/user/id",
  "initiatedBy/app/appId",
]);

function text(value: FilterLiteral, property: string): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "guid" in value) return value.guid;
  throw graphErrors.badRequest(`'${property}' compares to a string.`);
}

function dateTime(value: FilterLiteral): Date {
  const raw =
    value && typeof value === "object" && "dateTime" in value ? value.dateTime : typeof value === "string" ? value : undefined;
  const at = raw === undefined ? undefined : new Date(raw);
  if (!at || Number.isNaN(at.getTime()))
    throw graphErrors.badRequest("'activityDateTime' compares to a DateTimeOffset (2026-03-02T09:00:00Z).");
  return at;
}

/** The `and` of supported clauses; anything else is refused naming the property (contract §8 rule 6). */
export function auditFilters(expression: FilterExpression | undefined): AuditFilter[] {
  if (!expression) return [];
  switch (expression.kind) {
    case "and":
      return [...auditFilters(expression.left), ...auditFilters(expression.right)];
    case "compare": {
      const { property, op, value } = expression;
      if (property === "activityDateTime" && COMPARISONS.has(op))
        return [{ property, op: op as "eq" | "gt" | "ge" | "lt" | "le", value: dateTime(value) }];
      if (EQ_ONLY.has(property) && op === "eq")
        return [
          {
            property: property as Exclude<AuditFilter["property"], "activityDateTime">,
            op: "eq",
            value: text(value, property),
          } as AuditFilter,
        ];
      throw EQ_ONLY.has(property) || property === "activityDateTime"
        ? graphErrors.unsupportedQuery(`Unsupported operator '${op}' on '${property}' in $filter.`)
        : unsupported(property);
    }
    case "function":
      if (expression.name === "startsWith" && expression.property === "activityDisplayName")
        return [{ property: "activityDisplayName", op: "startsWith", value: expression.value }];
      throw expression.property === "activityDisplayName"
        ? graphErrors.unsupportedQuery(`Unsupported function '${expression.name}' in $filter.`)
        : unsupported(expression.property);
    case "any": {
      const body = expression.body;
      if (expression.property === "targetResources" && body?.kind === "compare" && body.property === "id" && body.op === "eq")
        return [{ property: "targetResources/id", op: "eq", value: text(body.value, "targetResources/id") }];
      throw unsupported(body?.kind === "compare" ? `${expression.property}/${body.property}` : expression.property);
    }
    case "in":
      throw unsupported(expression.property);
    default:
      throw graphErrors.unsupportedQuery(`Unsupported '${expression.kind}' in $filter: combine clauses with 'and'.`);
  }
}

function order(request: GraphRequest): "asc" | "desc" {
  const items = request.query.orderBy ?? [];
  const other = items.find((item) => item.property !== "activityDateTime");
  if (other) throw graphErrors.unsupportedQuery(`Unsupported property '${other.property}' in $orderby.`);
  return items[0]?.direction ?? "desc";
}

function refusal(error: unknown, id?: string): never {
  if (isDirectoryError(error)) {
    if (error.code === "forbidden") throw graphErrors.denied();
    if (error.code === "notFound") throw graphErrors.notFound(id ?? error.message);
    if (error.code === "invalid") throw graphErrors.badRequest(error.message);
  }
  throw error;
}

export const auditLogRoutes: readonly GraphRoute[] = [
  {
    method: "GET",
    path: "auditLogs/directoryAudits",
    access: ACCESS.auditRead,
    summary: "List directory audit records, newest first",
    queryOptions: ["filter", "orderBy", "top", "skipToken"],
    async handle(request) {
      const filters = auditFilters(request.query.filter);
      const direction = order(request);
      // The cursor is bound to tenant, entity set, filter and order: replaying it elsewhere is a 400.
      const scope = { tenant: request.tenant.slug, set: ENTITY_SET, filter: request.query.filter ?? null, direction };
      let after: { at: Date; id: string } | undefined;
      if (request.query.skipToken !== undefined) {
        const position = request.cursors.decode(scope, request.query.skipToken);
        const at = position?.value ? new Date(position.value) : undefined;
        if (!position || !at || Number.isNaN(at.getTime())) throw graphErrors.badRequest("Invalid $skiptoken.");
        after = { at, id: position.id };
      }
      const page = await request.services.auditLogs
        .list(request.actor, request.tenant.slug, {
          filters,
          order: direction,
          top: request.query.top ?? DEFAULT_TOP,
          ...(after ? { after } : {}),
        })
        .catch((error: unknown) => refusal(error));
      return collection(request, ENTITY_SET, page.items as unknown as Record<string, unknown>[], {
        ...(page.next
          ? { nextSkipToken: request.cursors.encode(scope, { value: page.next.at.toISOString(), id: page.next.id }) }
          : {}),
      });
    },
  },
  {
    method: "GET",
    path: "auditLogs/directoryAudits/{id}",
    access: ACCESS.auditRead,
    summary: "Get one directory audit record (GG_<id> or the bare event id)",
    async handle(request) {
      const id = request.params.id!;
      const record = await request.services.auditLogs
        .get(request.actor, request.tenant.slug, id)
        .catch((error: unknown) => refusal(error, id));
      return entity(request, ENTITY_SET, record as unknown as Record<string, unknown>);
    },
  },
];
