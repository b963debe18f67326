import { type Actor, type AuditDatum } from "../../../directory";
import { ConfigError } from "../../../errors";
import type { Tenant } from "../../../tenant";
import { userFlowSchema } from "../schema";
import type { CustomAttributeRow, UserFlowEditUnit, UserFlowRecord } from "../store";
import {
  UserFlowEditError,
  type AttributeEntry,
  type EditedUserFlow,
  type FlowDefinition,
  type Options,
  type UserFlowEditingPorts,
} from "./contract";
import { definitionOf, toEdited } from "./stored";

/** How often an edit is retried when another write changed the row between read and write. */
const ATTEMPTS = 3;

export const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const attributesOf = (definition: FlowDefinition): AttributeEntry[] => definition.attributes ?? [];

/** What every editing verb shares: the ports, the tenant and row lookups, validation, audit and `edit`. */
export type EditCore = ReturnType<typeof createEditCore>;

export function createEditCore(ports: UserFlowEditingPorts) {
  const { store, authorize } = ports;

  function tenantOf(tenantId: string): Tenant {
    const tenant = ports.tenants.find(tenantId);
    if (!tenant) throw new UserFlowEditError("notFound", `no tenant "${tenantId}"`);
    return tenant;
  }

  function validate(tenant: Tenant, definition: FlowDefinition): void {
    const result = userFlowSchema(tenant, { sourceMessages: ports.sourceMessages }).safeParse(definition);
    if (!result.success)
      throw new UserFlowEditError(
        "invalid",
        `user flow "${definition.name}" would be invalid`,
        ConfigError.fromZod("flow", result.error).problems,
      );
  }

  async function requireFlow(unit: UserFlowEditUnit, tenantId: string, name: string): Promise<UserFlowRecord> {
    const row = await unit.flow(tenantId, name);
    if (!row) throw new UserFlowEditError("notFound", `no user flow "${name}"`);
    return row;
  }

  async function requireCatalogEntry(unit: UserFlowEditUnit, tenantId: string, name: string): Promise<CustomAttributeRow> {
    const row = (await unit.customAttributes(tenantId)).find((a) => sameName(a.name, name));
    if (!row) throw new UserFlowEditError("notFound", `no custom attribute "${name}"`);
    return row;
  }

  const audit = (
    unit: UserFlowEditUnit,
    actor: Actor,
    tenantId: string,
    type: string,
    target: { type: string; id: string },
    data: Record<string, AuditDatum>,
    options: Options,
  ) =>
    unit.audit.append({
      tenantId,
      type,
      actor,
      target,
      data,
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    });

  /**
   * One edit: read, change, validate, write if unchanged since read (else read again), audit.
   * `afterWrite` runs in the same transaction once the definition is written (rows beside it, such
   * as the flow's application assignments), so a lost race writes neither.
   */
  async function edit(
    actor: Actor,
    tenantId: string,
    name: string,
    change: string,
    apply: (definition: FlowDefinition, unit: UserFlowEditUnit) => Promise<FlowDefinition> | FlowDefinition,
    data: Record<string, AuditDatum>,
    options: Options = {},
    afterWrite?: (unit: UserFlowEditUnit, row: UserFlowRecord, after: FlowDefinition) => Promise<void>,
  ): Promise<EditedUserFlow> {
    authorize(actor, true);
    const tenant = tenantOf(tenantId);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const edited = await store.editTransaction(async (unit) => {
        const row = await requireFlow(unit, tenantId, name);
        if (options.expectedUpdatedAt && row.updatedAt.getTime() !== options.expectedUpdatedAt.getTime())
          throw new UserFlowEditError("modified", `user flow "${name}" changed since it was read`);
        const after = await apply(structuredClone(definitionOf(row)), unit);
        validate(tenant, after);
        const text = JSON.stringify(after);
        if (!(await unit.updateDefinition(row.id, row.updatedAt, text))) return undefined;
        await afterWrite?.(unit, row, after);
        await audit(unit, actor, tenantId, "userFlow.updated", { type: "userFlow", id: row.name }, { change, ...data }, options);
        const fresh = await requireFlow(unit, tenantId, name);
        return toEdited(fresh);
      });
      if (edited) return edited;
    }
    throw new UserFlowEditError("modified", `user flow "${name}" kept changing while it was edited; read it again and retry`);
  }

  return { store, authorize, tenantOf, validate, requireFlow, requireCatalogEntry, audit, edit };
}
