import { z } from "zod";
import { graphErrors } from "./errors";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (value: string) => GUID.test(value);

/** An object id from the path: a GUID, or Graph's 400 "Invalid object identifier" (contract §0.4). */
export function objectId(value: string): string {
  if (!isGuid(value)) throw graphErrors.invalidId(value);
  return value.toLowerCase();
}

/** `{ "@odata.id": "…" }` of `$ref` calls (contract §3.1). */
export const referenceBody = z.strictObject({ "@odata.id": z.string().min(1).max(2048) });

/**
 * The id an `@odata.id` names: any host (graph.microsoft.com or ours), the `v1` typo, or a relative
 * path; only the trailing `/{collection}/{id}` counts, and the collection must be one of `accepted`.
 */
export function referencedId(odataId: string, accepted: readonly string[]): string {
  const path = odataId.replace(/^[a-z]+:\/\/[^/]+/i, "").replace(/[?#].*$/, "");
  const match = /\/?([A-Za-z]+)\/([^/]+)\/?$/.exec(path);
  if (!match || !accepted.some((name) => name.toLowerCase() === match[1]!.toLowerCase()))
    throw graphErrors.badRequest(`Invalid reference '${odataId}': expected …/${accepted.join(" or …/")}/{id}.`);
  return objectId(decodeURIComponent(match[2]!));
}
