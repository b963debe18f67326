import type { EditedUserFlow } from "../../../../_lib/journeys";
import type { Tenant } from "../../../../_lib/tenant";

/** What every section of the user-flow editor is given. */
export interface EditorSectionProps {
  tenant: Tenant;
  flow: EditedUserFlow;
  /** The editor's path (forms post below it and come back to it). */
  here: string;
  canWrite: boolean;
  /** Problems by field, already in the administrator's language. */
  problems: Record<string, string>;
}

export const SECTION = "mt-10 border-t border-gray-300 pt-6";
export const H2 = "text-xl font-bold";

/** The flow's `updatedAt` as the forms carry it: the service refuses an edit of a flow changed since. */
export const versionOf = (flow: EditedUserFlow) => flow.updatedAt.toISOString();
