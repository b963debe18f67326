import { DirectoryError } from "./service-contract";

/**
 * A filter over guests that every store can turn into one indexed query: conditions on the
 * guest's own columns, a join on its identities, and and/or/not. The Graph API translates its
 * `$filter` into this (contract §1); the store never sees OData.
 */
export type GuestField = "id" | "displayName" | "email" | "userType" | "state" | "createdVia" | "createdAt";
export type GuestFilterOp = "eq" | "ne" | "in" | "startsWith" | "contains" | "ge" | "le";

export type GuestFilter =
  | { and: GuestFilter[] }
  | { or: GuestFilter[] }
  | { not: GuestFilter }
  | { field: GuestField; op: GuestFilterOp; values: string[] }
  /** A guest with this linked identity (issuer, subject). */
  | { identity: { issuer: string; subject: string } }
  /** The column is unset (Graph `eq null`). */
  | { missing: "displayName" | "email" }
  /**
   * A condition on one stored attribute (its primary key is (guest, name), so each is an indexed
   * lookup per guest). `values` are the stored JSON texts; `missing`: the guest has no value.
   */
  | { attribute: { name: string; op: "eq" | "in" | "startsWith" | "missing"; values: string[] } };

/** Which operators each field takes: the ones an index on the column can serve, or a cheap residue. */
const OPS: Record<GuestField, readonly GuestFilterOp[]> = {
  id: ["eq", "in"],
  displayName: ["eq", "startsWith", "contains", "ge", "le"],
  email: ["eq", "startsWith", "in"],
  userType: ["eq", "ne", "in"],
  state: ["eq", "ne", "in"],
  createdVia: ["eq", "ne", "in"],
  createdAt: ["eq", "ge", "le"],
};

// Graph caps `in` lists at 15 values; a bound on the whole tree keeps one query one query.
const MAX_IN = 15;
const MAX_CONDITIONS = 50;
const MAX_DEPTH = 8;
const MAX_VALUE = 512;

/** Checks the filter's shape and returns it normalised (e-mail values lower-cased, dates ISO). */
export function normaliseGuestFilter(filter: GuestFilter): GuestFilter {
  let conditions = 0;
  const walk = (node: GuestFilter, depth: number): GuestFilter => {
    if (depth > MAX_DEPTH) throw new DirectoryError("invalid", "filter: nested too deep");
    if (++conditions > MAX_CONDITIONS) throw new DirectoryError("invalid", "filter: too many conditions");
    if ("and" in node || "or" in node) {
      const list = "and" in node ? node.and : node.or;
      if (!Array.isArray(list) || list.length === 0) throw new DirectoryError("invalid", "filter: an empty and/or");
      const children = list.map((child) => walk(child, depth + 1));
      return "and" in node ? { and: children } : { or: children };
    }
    if ("not" in node) return { not: walk(node.not, depth + 1) };
    if ("missing" in node) {
      if (node.missing !== "displayName" && node.missing !== "email")
        throw new DirectoryError("invalid", `filter: no nullable field ${String(node.missing).slice(0, 64)}`);
      return { missing: node.missing };
    }
    if ("attribute" in node) {
      const { name, op, values } = node.attribute;
      if (typeof name !== "string" || name.length === 0 || name.length > 128)
        throw new DirectoryError("invalid", "filter.attribute: name");
      const count = values.length;
      const expected = op === "in" ? count >= 1 && count <= MAX_IN : op === "missing" ? count === 0 : count === 1;
      if (!["eq", "in", "startsWith", "missing"].includes(op) || !expected)
        throw new DirectoryError("invalid", `filter.attribute.${name}: operator and values`);
      if (values.some((v) => typeof v !== "string" || v.length > MAX_VALUE))
        throw new DirectoryError("invalid", `filter.attribute.${name}: values`);
      return { attribute: { name, op, values: [...values] } };
    }
    if ("identity" in node) {
      const { issuer, subject } = node.identity;
      if (!issuer || !subject || issuer.length > MAX_VALUE || subject.length > MAX_VALUE)
        throw new DirectoryError("invalid", "filter.identity: issuer and subject");
      return { identity: { issuer, subject } };
    }
    const { field, op, values } = node;
    if (!(field in OPS)) throw new DirectoryError("invalid", `filter: no field ${String(field).slice(0, 64)}`);
    if (!OPS[field].includes(op)) throw new DirectoryError("invalid", `filter.${field}: operator ${String(op)} not supported`);
    const count = values.length;
    if (op === "in" ? count < 1 || count > MAX_IN : count !== 1) throw new DirectoryError("invalid", `filter.${field}: values`);
    if (values.some((v) => typeof v !== "string" || v.length > MAX_VALUE))
      throw new DirectoryError("invalid", `filter.${field}: values`);
    if (field === "createdAt")
      return {
        field,
        op,
        values: values.map((v) => {
          const at = new Date(v);
          if (Number.isNaN(at.getTime())) throw new DirectoryError("invalid", "filter.createdAt: not a date and time");
          return at.toISOString();
        }),
      };
    // Addresses are stored trimmed and lower-cased (docs/ARCHITECTURE.md, "Data").
    if (field === "email") return { field, op, values: values.map((v) => v.trim().toLowerCase()) };
    return { field, op, values: [...values] };
  };
  return walk(filter, 0);
}
