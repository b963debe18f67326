import { customAttributeNameSchema, type Actor, type AuditDatum } from "../../directory";
import { ConfigError } from "../../errors";
import type { Locale } from "../../i18n";
import type { Tenant } from "../../tenant";
import { userFlowSchema } from "./schema";
import type { CustomAttributeRow, UserFlowEditStore, UserFlowEditUnit, UserFlowRecord } from "./store";

/**
 * Editing one stored flow (the Graph `identity/b2xUserFlows` surface, contract §4). The stored
 * definition is the flow's entry of a user-flows file, the same text `flowFor` parses for the
 * sign-up journey, so every edit is read → change → validated again with `userFlowSchema` → written
 * back only if the row is unchanged since it was read (a conditional update on `updatedAt`,
 * retried a few times, then `modified`). An edit that makes the flow invalid writes nothing and
 * names the problem.
 */
export type FlowDefinition = Record<string, unknown> & {
  name: string;
  identityProviders?: string[];
  attributes?: AttributeEntry[];
  overrides?: Partial<Record<string, Record<string, string>>>;
  applications?: string[];
};
/** An entry of a flow's `attributes`, as written in the file: `{ name, required?, apps?, type?, … }`. */
export type AttributeEntry = Record<string, unknown> & { name: string; required?: boolean };

export interface EditedUserFlow {
  id: string;
  name: string;
  definition: FlowDefinition;
  applications: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type CustomAttributeDataType = "string" | "boolean" | "int64";

export interface CustomAttribute {
  id: string;
  name: string;
  dataType: CustomAttributeDataType;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a Graph caller needs to know of the tenant to map ids: its providers by kind and its languages. */
export interface UserFlowTenantConfiguration {
  /** `audience` only for microsoft-entra: `consumers` is a Microsoft account (MSA) provider. */
  identityProviders: { id: string; kind: string; audience?: string }[];
  locales: readonly Locale[];
  defaultLocale: Locale;
}

type Options = { correlationId?: string };

export interface UserFlowEditing {
  tenantConfiguration(actor: Actor, tenantId: string): UserFlowTenantConfiguration;
  getFlow(actor: Actor, tenantId: string, name: string): Promise<EditedUserFlow>;
  createFlow(actor: Actor, tenantId: string, definition: FlowDefinition, options?: Options): Promise<EditedUserFlow>;
  deleteFlow(actor: Actor, tenantId: string, name: string, options?: Options): Promise<void>;
  addIdentityProvider(
    actor: Actor,
    tenantId: string,
    name: string,
    providerId: string,
    options?: Options,
  ): Promise<EditedUserFlow>;
  removeIdentityProvider(
    actor: Actor,
    tenantId: string,
    name: string,
    providerId: string,
    options?: Options,
  ): Promise<EditedUserFlow>;
  /** Appends an attribute; a custom one must be in the tenant's catalog. */
  addAttribute(actor: Actor, tenantId: string, name: string, entry: AttributeEntry, options?: Options): Promise<EditedUserFlow>;
  /**
   * Replaces the entry of `attribute` where it stands with what `change` makes of the entry as
   * stored now (inside the edit, so a concurrent change is never overwritten with a stale copy).
   */
  updateAttribute(
    actor: Actor,
    tenantId: string,
    name: string,
    attribute: string,
    change: (current: AttributeEntry) => AttributeEntry,
    options?: Options,
  ): Promise<EditedUserFlow>;
  removeAttribute(actor: Actor, tenantId: string, name: string, attribute: string, options?: Options): Promise<EditedUserFlow>;
  /** `order` must name each of the flow's attributes exactly once. */
  setAttributeOrder(
    actor: Actor,
    tenantId: string,
    name: string,
    order: readonly string[],
    options?: Options,
  ): Promise<EditedUserFlow>;
  /** The flow's overrides for `locale` become exactly `texts` (an empty object removes them). */
  putOverrides(
    actor: Actor,
    tenantId: string,
    name: string,
    locale: Locale,
    texts: Record<string, string>,
    options?: Options,
  ): Promise<EditedUserFlow>;
  listCustomAttributes(actor: Actor, tenantId: string): Promise<CustomAttribute[]>;
  getCustomAttribute(actor: Actor, tenantId: string, name: string): Promise<CustomAttribute>;
  createCustomAttribute(
    actor: Actor,
    tenantId: string,
    fields: { name: string; dataType: CustomAttributeDataType; description: string },
    options?: Options,
  ): Promise<CustomAttribute>;
  updateCustomAttributeDescription(
    actor: Actor,
    tenantId: string,
    name: string,
    description: string,
    options?: Options,
  ): Promise<CustomAttribute>;
  /** Refused (`conflict`) while a flow collects it. */
  deleteCustomAttribute(actor: Actor, tenantId: string, name: string, options?: Options): Promise<void>;
}

export type UserFlowEditErrorCode = "notFound" | "invalid" | "conflict" | "modified";

export class UserFlowEditError extends Error {
  override readonly name = "UserFlowEditError";
  constructor(
    readonly code: UserFlowEditErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.join("; ")}` : message);
  }
}

export interface UserFlowEditingPorts {
  store: UserFlowEditStore;
  tenants: { find(slug: string): Tenant | undefined };
  sourceMessages: Record<string, unknown>;
  authorize(actor: Actor, write: boolean): void;
}

/** How often an edit is retried when another write changed the row between read and write. */
const ATTEMPTS = 3;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function createUserFlowEditing(ports: UserFlowEditingPorts): UserFlowEditing {
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

  /** One edit: read, change, validate, write if unchanged since read (else read again), audit. */
  async function edit(
    actor: Actor,
    tenantId: string,
    name: string,
    change: string,
    apply: (definition: FlowDefinition, unit: UserFlowEditUnit) => Promise<FlowDefinition> | FlowDefinition,
    data: Record<string, AuditDatum>,
    options: Options = {},
  ): Promise<EditedUserFlow> {
    authorize(actor, true);
    const tenant = tenantOf(tenantId);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const edited = await store.editTransaction(async (unit) => {
        const row = await requireFlow(unit, tenantId, name);
        const after = await apply(structuredClone(definitionOf(row)), unit);
        validate(tenant, after);
        const text = JSON.stringify(after);
        if (!(await unit.updateDefinition(row.id, row.updatedAt, text))) return undefined;
        await audit(unit, actor, tenantId, "userFlow.updated", { type: "userFlow", id: row.name }, { change, ...data }, options);
        const fresh = await requireFlow(unit, tenantId, name);
        return toEdited(fresh);
      });
      if (edited) return edited;
    }
    throw new UserFlowEditError("modified", `user flow "${name}" kept changing while it was edited; read it again and retry`);
  }

  const attributesOf = (definition: FlowDefinition): AttributeEntry[] => definition.attributes ?? [];

  return {
    tenantConfiguration(actor, tenantId) {
      authorize(actor, false);
      const tenant = tenantOf(tenantId);
      return {
        identityProviders: tenant.identityProviders.map((p) =>
          p.kind === "microsoft-entra" ? { id: p.id, kind: p.kind, audience: p.audience } : { id: p.id, kind: p.kind },
        ),
        locales: tenant.locales.enabled,
        defaultLocale: tenant.locales.default,
      };
    },

    async getFlow(actor, tenantId, name) {
      authorize(actor, false);
      tenantOf(tenantId);
      return store.editTransaction(async (unit) => toEdited(await requireFlow(unit, tenantId, name)));
    },

    async createFlow(actor, tenantId, definition, options = {}) {
      authorize(actor, true);
      const tenant = tenantOf(tenantId);
      validate(tenant, definition);
      return createdOnce(
        store,
        async (unit) => (await unit.flow(tenantId, definition.name)) !== null,
        () =>
          store.editTransaction(async (unit) => {
            if (await unit.flow(tenantId, definition.name))
              throw new UserFlowEditError("conflict", `a user flow "${definition.name}" exists already`);
            const applications = definition.applications ?? [];
            const taken = await unit.assignmentsOf(tenantId, applications);
            if (taken.length)
              throw new UserFlowEditError(
                "conflict",
                "an application starts one user flow",
                taken.map((a) => `"${a.clientId}" is already assigned to another user flow`),
              );
            const row = await unit.create(tenantId, definition.name, JSON.stringify(definition));
            await unit.replaceFlowAssignments(tenantId, row.id, applications);
            await audit(
              unit,
              actor,
              tenantId,
              "userFlow.created",
              { type: "userFlow", id: row.name },
              { attributes: attributesOf(definition).length, applications: applications.length },
              options,
            );
            return toEdited(await requireFlow(unit, tenantId, definition.name));
          }),
        `a user flow "${definition.name}" exists already`,
      );
    },

    async deleteFlow(actor, tenantId, name, options = {}) {
      authorize(actor, true);
      tenantOf(tenantId);
      await store.editTransaction(async (unit) => {
        const row = await requireFlow(unit, tenantId, name);
        // The app assignments go with the flow (cascade): those apps start no flow any more.
        await unit.remove(row.id);
        await audit(
          unit,
          actor,
          tenantId,
          "userFlow.deleted",
          { type: "userFlow", id: row.name },
          { applications: row.applications.length },
          options,
        );
      });
    },

    addIdentityProvider: (actor, tenantId, name, providerId, options) =>
      edit(
        actor,
        tenantId,
        name,
        "identityProviderAdded",
        (definition) => {
          const list = definition.identityProviders ?? [];
          if (list.includes(providerId))
            throw new UserFlowEditError("conflict", `"${providerId}" is already an identity provider of this flow`);
          return { ...definition, identityProviders: [...list, providerId] };
        },
        { identityProvider: providerId },
        options,
      ),

    removeIdentityProvider: (actor, tenantId, name, providerId, options) =>
      edit(
        actor,
        tenantId,
        name,
        "identityProviderRemoved",
        (definition) => {
          const list = definition.identityProviders ?? [];
          if (!list.includes(providerId)) throw new UserFlowEditError("notFound", `"${providerId}" is not offered by this flow`);
          return { ...definition, identityProviders: list.filter((id) => id !== providerId) };
        },
        { identityProvider: providerId },
        options,
      ),

    addAttribute: (actor, tenantId, name, entry, options) =>
      edit(
        actor,
        tenantId,
        name,
        "attributeAdded",
        async (definition, unit) => {
          const list = attributesOf(definition);
          if (list.some((a) => sameName(a.name, entry.name)))
            throw new UserFlowEditError("conflict", `"${entry.name}" is already an attribute of this flow`);
          if ("type" in entry) await requireCatalogEntry(unit, tenantId, entry.name);
          return { ...definition, attributes: [...list, entry] };
        },
        { attribute: entry.name },
        options,
      ),

    updateAttribute: (actor, tenantId, name, attribute, change, options) =>
      edit(
        actor,
        tenantId,
        name,
        "attributeUpdated",
        (definition) => {
          const list = attributesOf(definition);
          const index = list.findIndex((a) => sameName(a.name, attribute));
          if (index < 0) throw new UserFlowEditError("notFound", `"${attribute}" is not an attribute of this flow`);
          const entry = change(list[index]!);
          if (!sameName(entry.name, list[index]!.name))
            throw new UserFlowEditError("invalid", "an attribute keeps its name", [
              `attributes[${index}].name: stays "${attribute}"`,
            ]);
          return { ...definition, attributes: list.map((a, i) => (i === index ? entry : a)) };
        },
        { attribute },
        options,
      ),

    removeAttribute: (actor, tenantId, name, attribute, options) =>
      edit(
        actor,
        tenantId,
        name,
        "attributeRemoved",
        (definition) => {
          const list = attributesOf(definition);
          if (!list.some((a) => sameName(a.name, attribute)))
            throw new UserFlowEditError("notFound", `"${attribute}" is not an attribute of this flow`);
          return { ...definition, attributes: list.filter((a) => !sameName(a.name, attribute)) };
        },
        { attribute },
        options,
      ),

    setAttributeOrder: (actor, tenantId, name, order, options) =>
      edit(
        actor,
        tenantId,
        name,
        "attributeOrderSet",
        (definition) => {
          const list = attributesOf(definition);
          const problems: string[] = [];
          const ordered = order.map((wanted) => {
            const found = list.find((a) => sameName(a.name, wanted));
            if (!found) problems.push(`"${wanted}" is not an attribute of this flow`);
            return found;
          });
          order.forEach((wanted, index) => {
            if (order.findIndex((o) => sameName(o, wanted)) !== index) problems.push(`"${wanted}" is listed twice`);
          });
          for (const attribute of list)
            if (!order.some((o) => sameName(o, attribute.name))) problems.push(`"${attribute.name}" is missing from the order`);
          if (problems.length) throw new UserFlowEditError("invalid", "the order must name each attribute once", problems);
          return { ...definition, attributes: ordered as AttributeEntry[] };
        },
        { attributes: order.length },
        options,
      ),

    putOverrides: (actor, tenantId, name, locale, texts, options) =>
      edit(
        actor,
        tenantId,
        name,
        "overridesSet",
        (definition) => {
          const overrides = { ...(definition.overrides ?? {}) };
          if (Object.keys(texts).length) overrides[locale] = texts;
          else delete overrides[locale];
          return { ...definition, overrides };
        },
        { locale, texts: Object.keys(texts).length },
        options,
      ),

    async listCustomAttributes(actor, tenantId) {
      authorize(actor, false);
      tenantOf(tenantId);
      return store.editTransaction(async (unit) => (await unit.customAttributes(tenantId)).map(toCustomAttribute));
    },

    async getCustomAttribute(actor, tenantId, name) {
      authorize(actor, false);
      tenantOf(tenantId);
      return store.editTransaction(async (unit) => toCustomAttribute(await requireCatalogEntry(unit, tenantId, name)));
    },

    async createCustomAttribute(actor, tenantId, fields, options = {}) {
      authorize(actor, true);
      tenantOf(tenantId);
      const name = customAttributeNameSchema.safeParse(fields.name);
      if (!name.success)
        throw new UserFlowEditError(
          "invalid",
          "not a custom attribute name",
          name.error.issues.map((issue) => `displayName: ${issue.message}`),
        );
      return createdOnce(
        store,
        async (unit) => (await unit.customAttributes(tenantId)).some((a) => sameName(a.name, fields.name)),
        () =>
          store.editTransaction(async (unit) => {
            if ((await unit.customAttributes(tenantId)).some((a) => sameName(a.name, fields.name)))
              throw new UserFlowEditError("conflict", `a custom attribute "${fields.name}" exists already`);
            const row = await unit.createCustomAttribute(tenantId, fields);
            await audit(
              unit,
              actor,
              tenantId,
              "userFlowAttribute.created",
              { type: "userFlowAttribute", id: row.name },
              { dataType: row.dataType },
              options,
            );
            return toCustomAttribute(row);
          }),
        `a custom attribute "${fields.name}" exists already`,
      );
    },

    async updateCustomAttributeDescription(actor, tenantId, name, description, options = {}) {
      authorize(actor, true);
      tenantOf(tenantId);
      return store.editTransaction(async (unit) => {
        const row = await requireCatalogEntry(unit, tenantId, name);
        const updated = await unit.updateCustomAttribute(row.id, description);
        await audit(
          unit,
          actor,
          tenantId,
          "userFlowAttribute.updated",
          { type: "userFlowAttribute", id: row.name },
          { change: "description" },
          options,
        );
        return toCustomAttribute(updated);
      });
    },

    async deleteCustomAttribute(actor, tenantId, name, options = {}) {
      authorize(actor, true);
      tenantOf(tenantId);
      await store.editTransaction(async (unit) => {
        const row = await requireCatalogEntry(unit, tenantId, name);
        const users = (await unit.flows(tenantId))
          .filter((flow) => attributesOf(parseStored(flow.definition)).some((a) => "type" in a && sameName(a.name, row.name)))
          .map((flow) => flow.name);
        if (users.length)
          throw new UserFlowEditError(
            "conflict",
            `custom attribute "${row.name}" is collected by user flows`,
            users.map((flow) => `user flow "${flow}" collects it; remove it there first`),
          );
        await unit.deleteCustomAttribute(row.id);
        await audit(unit, actor, tenantId, "userFlowAttribute.deleted", { type: "userFlowAttribute", id: row.name }, {}, options);
      });
    },
  };
}

/**
 * A create that lost a race to the same name fails on the unique index (tenantId, name) with the
 * database's own error; when the name now exists, that is the caller's conflict, not a 500.
 */
async function createdOnce<T>(
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

function parseStored(text: string): FlowDefinition {
  const value: unknown = JSON.parse(text);
  return (typeof value === "object" && value !== null ? value : {}) as FlowDefinition;
}

const definitionOf = (row: UserFlowRecord) => parseStored(row.definition);

const toEdited = (row: UserFlowRecord): EditedUserFlow => ({
  id: row.id,
  name: row.name,
  definition: definitionOf(row),
  applications: row.applications,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toCustomAttribute = (row: CustomAttributeRow): CustomAttribute => ({
  id: row.id,
  name: row.name,
  dataType: row.dataType as CustomAttributeDataType,
  description: row.description,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
