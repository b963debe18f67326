import type { Actor } from "../actor";
import type { AuditEventInput } from "../audit";
import { DirectoryError } from "../service-contract";
import { mayManageGroups, type GroupAction } from "./permissions";
import type { GroupReads, GroupRecord, MemberObject, MemberRecord } from "./store";

export interface Page<T> {
  items: T[];
  /** More rows follow the last item. */
  more: boolean;
}

export function authorize(actor: Actor, action: GroupAction): void {
  if (!mayManageGroups(actor, action)) throw new DirectoryError("forbidden", `${actor.type} may not ${action}`);
}

export async function existingGroup(reads: GroupReads, tenantId: string, id: string): Promise<GroupRecord> {
  const group = await reads.findGroup(tenantId, id);
  if (!group) throw new DirectoryError("notFound", id);
  return group;
}

export async function existingUser(reads: GroupReads, tenantId: string, id: string): Promise<MemberRecord> {
  const user = await reads.findUser(tenantId, id);
  if (!user) throw new DirectoryError("notFound", id);
  return user;
}

/** A directoryObject id is a user's or a group's (ids are GUIDs, unique across both); else not found. */
export async function existingObject(reads: GroupReads, tenantId: string, id: string): Promise<MemberObject> {
  const user = await reads.findUser(tenantId, id);
  if (user) return { type: "user", ...user };
  const group = await reads.findGroup(tenantId, id);
  if (group) return { type: "group", ...group };
  throw new DirectoryError("notFound", id);
}

export const page = <T>(rows: T[], top: number): Page<T> => ({ items: rows.slice(0, top), more: rows.length > top });

/** An audit event about a group (target type "group"). */
export const groupEvent = (actor: Actor, tenantId: string, type: string, groupId: string, rest: Partial<AuditEventInput> = {}) =>
  ({ tenantId, type, actor, target: { type: "group", id: groupId }, ...rest }) satisfies AuditEventInput;
