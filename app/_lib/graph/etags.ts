import { graphErrors } from "./errors";

/** The weak ETag of an object: its last change, to the millisecond (RFC 9110 §8.8.3). */
export const etagAt = (updatedAt: Date) => `W/"${updatedAt.getTime()}"`;

/**
 * `If-Match` as the time our ETag carries (etagAt: W/"<updatedAt ms>"); `*` or none: no condition.
 * A tag we never sent cannot match: 412 before anything is read (RFC 9110 §13.1.1).
 */
export function ifMatchTime(header: string | null): Date | undefined {
  if (!header || header.split(",").some((tag) => tag.trim() === "*")) return undefined;
  const ms = /^(?:W\/)?"(\d{1,15})"$/.exec(header.split(",")[0]!.trim())?.[1];
  if (!ms) throw graphErrors.preconditionFailed();
  return new Date(Number(ms));
}
