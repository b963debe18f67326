import type { AuditBrowseQuery } from "../../../_lib/audit";

type Query = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[\w.:@-]{1,200}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
export const AUDIT_PAGE_SIZE = 25;

export interface AuditPageQuery {
  browse: AuditBrowseQuery;
  fields: { actor: string; type: string; target: string; from: string; to: string };
  invalid: boolean;
}

function day(value: string): Date | undefined | null {
  if (!value) return undefined;
  if (!DAY.test(value)) return null;
  const at = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== value ? null : at;
}

/** The keyset position `after` as the page links carry it: `<ISO time>_<event id>`. */
export function positionParam(position: { at: Date; id: string }): string {
  return `${position.at.toISOString()}_${position.id}`;
}

function position(value: string): { at: Date; id: string } | undefined {
  const cut = value.indexOf("_");
  if (cut < 0) return undefined;
  const at = new Date(value.slice(0, cut));
  const id = value.slice(cut + 1);
  return Number.isNaN(at.getTime()) || !ID.test(id) ? undefined : { at, id };
}

/** The audit page's GET form and paging link, checked: a bad value is reported, never passed on. */
export function auditPageQuery(query: Query): AuditPageQuery {
  const fields = {
    actor: one(query.actor),
    type: one(query.type),
    target: one(query.target),
    from: one(query.from),
    to: one(query.to),
  };
  const from = day(fields.from);
  const to = day(fields.to);
  let invalid = from === null || to === null || (!!from && !!to && to < from);
  const idOk = (value: string) => !value || ID.test(value);
  if (!idOk(fields.actor) || !idOk(fields.target) || !idOk(fields.type)) invalid = true;
  const after = position(one(query.after));
  const browse: AuditBrowseQuery = { top: AUDIT_PAGE_SIZE };
  if (!invalid) {
    if (fields.actor) browse.actorId = fields.actor;
    if (fields.type) browse.type = fields.type;
    if (fields.target) browse.targetId = fields.target;
    if (from) browse.from = from;
    if (to) browse.before = new Date(to.getTime() + DAY_MS);
  }
  if (after) browse.after = after;
  return { browse, fields, invalid };
}
