/**
 * A parsed OData `$filter` (contract §0.5). Property paths are Graph names as written
 * (`displayName`, `identities`, `initiatedBy/user/id`); each resource maps the paths it supports
 * onto its own query and refuses the rest with `Request_UnsupportedQuery` naming the property.
 */
export type FilterLiteral = string | number | boolean | null | { guid: string } | { dateTime: string };

export type FilterExpression =
  | { kind: "compare"; op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; property: string; value: FilterLiteral }
  | { kind: "in"; property: string; values: FilterLiteral[] }
  | { kind: "function"; name: "startsWith" | "endsWith" | "contains"; property: string; value: string }
  | { kind: "and" | "or"; left: FilterExpression; right: FilterExpression }
  | { kind: "not"; operand: FilterExpression }
  /** `identities/any(i:i/issuer eq 'x')`: `body`'s properties are relative to the item (`issuer`); `property` is the collection. */
  | { kind: "any"; property: string; body: FilterExpression | null };

/** `$orderby`: one or more properties, each asc (default) or desc. */
export interface OrderByItem {
  property: string;
  direction: "asc" | "desc";
}
