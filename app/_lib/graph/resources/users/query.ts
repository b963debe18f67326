import type { GuestField, GuestFilter, GuestFilterOp, GuestQuery } from "../../../directory";
import { graphErrors } from "../../errors";
import type { FilterExpression, FilterLiteral } from "../../odata/ast";
import type { GraphQueryOptions } from "../../context";
import { ATTRIBUTE_PROPERTIES, emailOfUserPrincipalName, storedIssuer } from "./graph-user";

/**
 * `$filter`, `$search` and `$orderby` on /users as the directory's query (contract §0.5, §1).
 * Properties without an indexed column behind them are refused, naming them, rather than
 * answered by a scan.
 */
export function usersQuery(
  query: GraphQueryOptions,
  /** `extension_{appId}_` of the tenant: such properties are stored attributes. */
  extensionPrefix: string,
): {
  filter: NonNullable<GuestQuery["filter"]>;
  orderBy?: GuestQuery["orderBy"];
} {
  const parts: GuestFilter[] = [];
  if (query.filter) parts.push(translate(query.filter, { advanced: query.advanced, extensionPrefix }));
  for (const term of query.search ?? []) {
    // `$search` needs ConsistencyLevel: eventual (contract §0.5).
    if (!query.advanced) throw graphErrors.unsupportedQuery("$search requires the ConsistencyLevel:eventual header.");
    if (term.property !== "displayName")
      throw graphErrors.unsupportedQuery(`Unsupported property '${term.property}' in $search.`);
    parts.push({ field: "displayName", op: "contains", values: [term.value] });
  }
  const orderBy = usersOrderBy(query);
  if (orderBy && query.filter && !query.advanced)
    throw graphErrors.unsupportedQuery("$orderby together with $filter requires the ConsistencyLevel:eventual header.");
  const expression: GuestFilter | undefined = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { and: parts };
  return { filter: expression ? { expression } : {}, ...(orderBy ? { orderBy } : {}) };
}

function usersOrderBy(query: GraphQueryOptions): GuestQuery["orderBy"] {
  const items = query.orderBy ?? [];
  if (items.length === 0) return undefined;
  const [item, ...rest] = items;
  if (!item || rest.length) throw graphErrors.unsupportedQuery("$orderby on users takes one property.");
  const direction = item.direction;
  switch (item.property) {
    case "displayName":
      return { field: "displayName", direction };
    // Our UPNs are made from the address, so they sort as the addresses do.
    case "userPrincipalName":
    case "mail":
      return { field: "email", direction };
    case "createdDateTime":
      if (!query.advanced)
        throw graphErrors.unsupportedQuery("$orderby on createdDateTime requires the ConsistencyLevel:eventual header.");
      return { field: "createdAt", direction };
    default:
      throw graphErrors.unsupportedQuery(`Unsupported property '${item.property}' in $orderby.`);
  }
}

const unsupported = (property: string) => graphErrors.unsupportedQuery(`Unsupported property '${property}' in $filter.`);
const unsupportedOperator = (property: string) =>
  graphErrors.unsupportedQuery(`Unsupported operator on property '${property}' in $filter.`);

function text(property: string, value: FilterLiteral): string {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && "guid" in value) return value.guid;
  if (value !== null && typeof value === "object" && "dateTime" in value) return value.dateTime;
  throw graphErrors.badRequest(`Invalid value for property '${property}' in $filter.`);
}

const leaf = (field: GuestField, op: GuestFilterOp, values: string[]): GuestFilter => ({ field, op, values });

/** One enumeration value of a Graph property as a directory condition (`Accepted` → invited and redeemed). */
function enumCondition(property: string, value: FilterLiteral): GuestFilter {
  switch (property) {
    case "userType":
      if (value !== "Guest" && value !== "Member")
        throw graphErrors.badRequest(`Invalid value for property 'userType' in $filter.`);
      return leaf("userType", "eq", [value]);
    case "accountEnabled":
      if (typeof value !== "boolean") throw graphErrors.badRequest(`Invalid value for property 'accountEnabled' in $filter.`);
      return value ? { not: leaf("state", "eq", ["blocked"]) } : leaf("state", "eq", ["blocked"]);
    case "externalUserState":
      if (value === "PendingAcceptance") return leaf("state", "eq", ["pendingAcceptance"]);
      // Guestgate's value (docs/GRAPH.md): a self-service sign-up waiting in its flow's approval queue.
      if (value === "PendingApproval") return leaf("state", "eq", ["pendingApproval"]);
      if (value === "Accepted")
        return { and: [leaf("createdVia", "eq", ["invitation"]), leaf("state", "ne", ["pendingAcceptance"])] };
      if (value === null)
        return {
          and: [
            leaf("createdVia", "ne", ["invitation"]),
            leaf("state", "ne", ["pendingAcceptance"]),
            leaf("state", "ne", ["pendingApproval"]),
          ],
        };
      throw graphErrors.badRequest(`Invalid value for property 'externalUserState' in $filter.`);
    case "creationType":
      if (value === "SelfServiceSignUp") return leaf("createdVia", "eq", ["selfServiceSignUp"]);
      if (value === "Invitation") return leaf("createdVia", "eq", ["invitation"]);
      if (value === null) return { not: leaf("createdVia", "in", ["selfServiceSignUp", "invitation"]) };
      throw graphErrors.badRequest(`Invalid value for property 'creationType' in $filter.`);
    default:
      throw unsupported(property);
  }
}

const ENUMS = new Set(["userType", "accountEnabled", "externalUserState", "creationType"]);

interface Context {
  advanced: boolean;
  extensionPrefix: string;
}

function translate(node: FilterExpression, context: Context): GuestFilter {
  const { advanced } = context;
  switch (node.kind) {
    case "and":
      return { and: [translate(node.left, context), translate(node.right, context)] };
    case "or":
      return { or: [translate(node.left, context), translate(node.right, context)] };
    case "not":
      // `not` and `ne` are advanced-only in Graph (contract §0.5).
      if (!advanced) throw graphErrors.unsupportedQuery("'not' in $filter requires the ConsistencyLevel:eventual header.");
      return { not: translate(node.operand, context) };
    case "any":
      return node.property === "otherMails" ? otherMailsCondition(node, context) : identityCondition(node);
    case "in": {
      if (ENUMS.has(node.property)) return { or: node.values.map((value) => enumCondition(node.property, value)) };
      const attribute = attributeName(node.property, context);
      if (attribute)
        return { attribute: { name: attribute, op: "in", values: node.values.map((v) => stored(node.property, v)) } };
      return column(node.property, "in", node.values);
    }
    case "function": {
      if (node.name === "endsWith") throw endsWithRefused(node.property, advanced);
      if (node.name !== "startsWith") throw unsupportedOperator(node.property);
      const attribute = attributeName(node.property, context);
      // A stored string's JSON text without its closing quote is a prefix of every longer one.
      if (attribute)
        return { attribute: { name: attribute, op: "startsWith", values: [JSON.stringify(node.value).slice(0, -1)] } };
      return column(node.property, "startsWith", [node.value]);
    }
    case "compare": {
      if (node.op === "ne") {
        if (!advanced) throw graphErrors.unsupportedQuery("'ne' in $filter requires the ConsistencyLevel:eventual header.");
        return { not: translate({ ...node, op: "eq" }, context) };
      }
      if (ENUMS.has(node.property)) {
        if (node.op !== "eq") throw unsupportedOperator(node.property);
        return enumCondition(node.property, node.value);
      }
      if (node.op === "gt" || node.op === "lt") throw unsupportedOperator(node.property);
      const attribute = attributeName(node.property, context);
      if (attribute) {
        if (node.op !== "eq") throw unsupportedOperator(node.property);
        return node.value === null
          ? { attribute: { name: attribute, op: "missing", values: [] } }
          : { attribute: { name: attribute, op: "eq", values: [stored(node.property, node.value)] } };
      }
      if (node.value === null) return nullCondition(node.property, node.op);
      return column(node.property, node.op, [node.value]);
    }
  }
}

/** The stored attribute a Graph property names (built-in attribute properties and extensions), if any. */
function attributeName(property: string, context: Context): string | undefined {
  if (property in ATTRIBUTE_PROPERTIES) return ATTRIBUTE_PROPERTIES[property as keyof typeof ATTRIBUTE_PROPERTIES];
  if (property.startsWith(context.extensionPrefix) && property.length > context.extensionPrefix.length)
    return property.slice(context.extensionPrefix.length);
  return undefined;
}

/** A literal as an attribute's stored JSON text (strings, numbers and booleans; contract §1 extension types). */
function stored(property: string, value: FilterLiteral): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  throw graphErrors.badRequest(`Invalid value for property '${property}' in $filter.`);
}

/** `eq null` on a guest column (contract §0.5 "std"). */
function nullCondition(property: string, op: string): GuestFilter {
  if (op !== "eq") throw unsupportedOperator(property);
  if (property === "displayName") return { missing: "displayName" };
  if (property === "mail") return { missing: "email" };
  throw unsupported(property);
}

/**
 * Graph's `endsWith` (advanced, on mail and otherMails) needs a suffix search that no index of
 * Guestgate's serves, so it is refused by name rather than answered by a scan.
 */
function endsWithRefused(property: string, advanced: boolean) {
  if (!advanced) return graphErrors.unsupportedQuery("'endsWith' in $filter requires the ConsistencyLevel:eventual header.");
  return graphErrors.unsupportedQuery(
    `'endsWith' on property '${property}' is not supported by Guestgate: no index serves a suffix search. Use startsWith or eq.`,
  );
}

/** `otherMails/any(x:x eq '…')` (or startsWith): Guestgate's otherMails is the guest's one address. */
function otherMailsCondition(node: Extract<FilterExpression, { kind: "any" }>, context: Context): GuestFilter {
  const body = node.body;
  if (body?.kind === "compare" && body.property === "" && body.op === "eq" && typeof body.value === "string")
    return leaf("email", "eq", [body.value]);
  if (body?.kind === "function" && body.property === "" && body.name === "startsWith")
    return leaf("email", "startsWith", [body.value]);
  if (body?.kind === "function" && body.property === "" && body.name === "endsWith")
    throw endsWithRefused("otherMails", context.advanced);
  throw graphErrors.unsupportedQuery("otherMails/any takes x eq '…' or startsWith(x,'…') in $filter.");
}

function column(property: string, op: "eq" | "in" | "startsWith" | "ge" | "le", literals: FilterLiteral[]): GuestFilter {
  const values = literals.map((value) => text(property, value));
  switch (property) {
    case "id":
      if (op !== "eq" && op !== "in") throw unsupportedOperator(property);
      return leaf("id", op, values);
    case "displayName":
      if (op === "in") throw unsupportedOperator(property);
      return leaf("displayName", op, values);
    case "mail":
      if (op !== "eq" && op !== "in" && op !== "startsWith") throw unsupportedOperator(property);
      return leaf("email", op, values);
    case "userPrincipalName": {
      if (op !== "eq" && op !== "in") throw unsupportedOperator(property);
      // A UPN that is not one of ours names no guest: an address no guest has.
      return leaf(
        "email",
        op,
        values.map((upn) => emailOfUserPrincipalName(upn) ?? "-"),
      );
    }
    case "createdDateTime":
      if (op !== "eq" && op !== "ge" && op !== "le") throw unsupportedOperator(property);
      if (Number.isNaN(new Date(values[0] ?? "").getTime()))
        throw graphErrors.badRequest(`Invalid value for property 'createdDateTime' in $filter.`);
      return leaf("createdAt", op, values);
    default:
      throw unsupported(property);
  }
}

/** `identities/any(i:i/issuer eq 'x' and i/issuerAssignedId eq 'y')`: both are needed (contract §1). */
function identityCondition(node: Extract<FilterExpression, { kind: "any" }>): GuestFilter {
  if (node.property !== "identities") throw unsupported(node.property);
  const pairs: Record<string, string> = {};
  const collect = (body: FilterExpression | null): boolean => {
    if (!body) return false;
    if (body.kind === "and") return collect(body.left) && collect(body.right);
    if (body.kind !== "compare" || body.op !== "eq" || typeof body.value !== "string") return false;
    if (body.property !== "issuer" && body.property !== "issuerAssignedId") return false;
    pairs[body.property] = body.value;
    return true;
  };
  if (!collect(node.body) || !pairs.issuer || !pairs.issuerAssignedId)
    throw graphErrors.unsupportedQuery(
      "identities/any needs issuer eq '…' and issuerAssignedId eq '…', joined by 'and', in $filter.",
    );
  return { identity: { issuer: storedIssuer(pairs.issuer), subject: pairs.issuerAssignedId } };
}
