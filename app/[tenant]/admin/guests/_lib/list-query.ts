import { z } from "zod";
import type { GuestFilter, GuestQuery } from "../../../../_lib/directory";

/**
 * The guest list's GET form as a directory query. Every field is optional and strictly checked:
 * a value outside its set is a problem shown next to its field (never passed on), and the same
 * parameters drive the page, its previous/next links and the CSV export.
 */
export const SORTS = ["newest", "oldest", "name", "nameDesc", "email", "emailDesc"] as const;
export type GuestSort = (typeof SORTS)[number];
export const STATES = ["active", "blocked", "pendingAcceptance", "pendingApproval"] as const;
export const USER_TYPES = ["Guest", "Member"] as const;
export const CREATED_VIA = ["selfServiceSignUp", "invitation", "accessPackage", "admin", "seed"] as const;
/** Names and ids in this tenant's configuration: letters, digits and a few separators. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const ORDER: Record<GuestSort, NonNullable<GuestQuery["orderBy"]>> = {
  newest: { field: "createdAt", direction: "desc" },
  oldest: { field: "createdAt", direction: "asc" },
  name: { field: "displayName", direction: "asc" },
  nameDesc: { field: "displayName", direction: "desc" },
  email: { field: "email", direction: "asc" },
  emailDesc: { field: "email", direction: "desc" },
};

export type ListField = "q" | "state" | "userType" | "createdVia" | "flow" | "provider" | "from" | "to" | "sort" | "cursor";

export interface ListForm {
  /** What the form shows again (only the checked values). */
  values: Partial<Record<Exclude<ListField, "cursor">, string>>;
  cursor?: string;
  problems: Partial<Record<ListField, "invalid" | "range">>;
  query: Omit<GuestQuery, "cursor" | "top">;
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined), schema.optional());

const fields = {
  q: optional(z.string().max(256)),
  state: optional(z.enum(STATES)),
  userType: optional(z.enum(USER_TYPES)),
  createdVia: optional(z.enum(CREATED_VIA)),
  flow: optional(z.string().regex(NAME)),
  provider: optional(z.string().regex(NAME)),
  from: optional(z.string().regex(DAY).refine(isDay)),
  to: optional(z.string().regex(DAY).refine(isDay)),
  sort: optional(z.enum(SORTS)),
  cursor: optional(
    z
      .string()
      .max(2048)
      .regex(/^[A-Za-z0-9_.-]+$/),
  ),
} satisfies Record<ListField, z.ZodType>;

function isDay(value: string): boolean {
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value);
}

/** Reads the list's parameters (the page's searchParams or a URL's); a parameter given twice counts once (the first). */
export function readListForm(params: URLSearchParams): ListForm {
  const form: ListForm = { values: {}, problems: {}, query: {} };
  const checked: Partial<Record<ListField, string>> = {};
  for (const [name, schema] of Object.entries(fields) as [ListField, z.ZodType][]) {
    const result = schema.safeParse(params.get(name) ?? undefined);
    if (!result.success) form.problems[name] = "invalid";
    else if (typeof result.data === "string") checked[name] = result.data;
  }
  if (checked.from && checked.to && checked.from > checked.to) {
    form.problems.to = "range";
    delete checked.to;
  }
  const { cursor, ...shown } = checked;
  form.values = shown;
  if (cursor) form.cursor = cursor;

  const filter: NonNullable<GuestQuery["filter"]> = {};
  if (checked.q) filter.search = checked.q;
  if (checked.state) filter.state = checked.state as (typeof STATES)[number];
  if (checked.userType) filter.userType = checked.userType as "Guest" | "Member";
  if (checked.createdVia) filter.createdVia = checked.createdVia;
  if (checked.flow) filter.userFlowName = checked.flow;
  if (checked.provider) filter.identityProvider = checked.provider;
  // Whole days in UTC, both ends included (the form says so).
  const dates: GuestFilter[] = [];
  if (checked.from) dates.push({ field: "createdAt", op: "ge", values: [`${checked.from}T00:00:00.000Z`] });
  if (checked.to) dates.push({ field: "createdAt", op: "le", values: [`${checked.to}T23:59:59.999Z`] });
  if (dates.length) filter.expression = { and: dates };
  form.query = { filter, orderBy: ORDER[(checked.sort as GuestSort | undefined) ?? "newest"] };
  return form;
}

/** The list's URL with these values (and a cursor), for links and the export. */
export function listHref(base: string, values: ListForm["values"], cursor?: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) query.set(name, value);
  if (cursor) query.set("cursor", cursor);
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** searchParams of a page as URLSearchParams (arrays: the first value). */
export function toSearchParams(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out.set(name, first);
  }
  return out;
}
