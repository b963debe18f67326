import type { CustomAttributeRow, UserFlowEditStore, UserFlowEditUnit, UserFlowRecord } from "../store";
import {
  UserFlowEditError,
  type CustomAttribute,
  type CustomAttributeDataType,
  type EditedUserFlow,
  type FlowDefinition,
} from "./contract";

/**
 * A create that lost a race to the same name fails on the unique index (tenantId, name) with the
 * database's own error; when the name now exists, that is the caller's conflict, not a 500.
 */
export async function createdOnce<T>(
  store: UserFlowEditStore,
  exists: (unit: UserFlowEditUnit) => Promise<boolean>,
  create: () => Promise<T>,
  conflict: string,
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (error instanceof UserFlowEditError) throw error;
    if (await store.editTransaction(exists)) throw new UserFlowEditError("conflict", conflict);
    throw error;
  }
}

export function parseStored(text: string): FlowDefinition {
  const value: unknown = JSON.parse(text);
  return (typeof value === "object" && value !== null ? value : {}) as FlowDefinition;
}

export const definitionOf = (row: UserFlowRecord) => parseStored(row.definition);

export const toEdited = (row: UserFlowRecord): EditedUserFlow => ({
  id: row.id,
  name: row.name,
  definition: definitionOf(row),
  applications: row.applications,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toCustomAttribute = (row: CustomAttributeRow): CustomAttribute => ({
  id: row.id,
  name: row.name,
  dataType: row.dataType as CustomAttributeDataType,
  description: row.description,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
