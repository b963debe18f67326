import { customAttributeNameSchema } from "../../../directory";
import { UserFlowEditError, type UserFlowEditing } from "./contract";
import { attributesOf, sameName, type EditCore } from "./core";
import { createdOnce, parseStored, toCustomAttribute } from "./stored";

/** The tenant's catalog of custom attributes (identity/userFlowAttributes). */
export function customAttributeVerbs(
  core: EditCore,
): Pick<
  UserFlowEditing,
  | "listCustomAttributes"
  | "getCustomAttribute"
  | "createCustomAttribute"
  | "updateCustomAttributeDescription"
  | "deleteCustomAttribute"
> {
  const { store, authorize, tenantOf, requireCatalogEntry, audit } = core;
  return {
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
