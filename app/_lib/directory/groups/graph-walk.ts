import type { GroupReads } from "./store";

/**
 * Breadth-first over group nesting, one query per level. The visited set makes a walk end even if
 * a cycle got in (two concurrent adds on PostgreSQL can each pass the cycle check); the service
 * refuses every edge that would close one.
 */
async function walk(start: readonly string[], step: (ids: readonly string[]) => Promise<string[]>): Promise<Set<string>> {
  const seen = new Set<string>();
  let frontier = [...new Set(start)];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of await step(frontier))
      if (!seen.has(id)) {
        seen.add(id);
        next.push(id);
      }
    frontier = next;
  }
  return seen;
}

/** Every group nested in `groupId` at any depth (itself excluded unless a cycle leads back). */
export const descendantsOf = (reads: GroupReads, tenantId: string, groupId: string) =>
  walk([groupId], (ids) => reads.childGroupIds(tenantId, ids));

/** `groupIds` and every group that contains one of them at any depth. */
export async function withAncestors(reads: GroupReads, tenantId: string, groupIds: readonly string[]): Promise<Set<string>> {
  const above = await walk(groupIds, (ids) => reads.parentGroupIds(tenantId, ids));
  return new Set([...groupIds, ...above]);
}

/** Two id-ordered pages merged into one id-ordered list (users and groups in one directoryObject collection). */
export function mergeById<T extends { id: string }>(left: readonly T[], right: readonly T[]): T[] {
  return [...left, ...right].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
