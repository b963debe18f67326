import { UserFlowEditError, type UserFlowEditing } from "./contract";
import { attributesOf, type EditCore } from "./core";
import { createdOnce, toEdited } from "./stored";

/** A flow itself: the tenant's ids, read, create (with its applications), delete. */
export function flowVerbs(
  core: EditCore,
): Pick<UserFlowEditing, "tenantConfiguration" | "getFlow" | "createFlow" | "deleteFlow" | "updateFlow"> {
  const { store, authorize, tenantOf, validate, requireFlow, audit, edit } = core;
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

    updateFlow: (actor, tenantId, name, changes, options) =>
      edit(
        actor,
        tenantId,
        name,
        "flowUpdated",
        async (definition, unit) => {
          const next = { ...definition };
          if (changes.identityProviders) next.identityProviders = [...new Set(changes.identityProviders)];
          if (changes.applications) {
            const row = await requireFlow(unit, tenantId, name);
            const taken = (await unit.assignmentsOf(tenantId, changes.applications)).filter((a) => a.userFlowId !== row.id);
            if (taken.length)
              throw new UserFlowEditError(
                "conflict",
                "an application starts one user flow",
                taken.map((a) => `"${a.clientId}" is already assigned to another user flow`),
              );
            next.applications = [...new Set(changes.applications)];
          }
          // Checked with the whole flow by userFlowSchema before it is written, as a file import would be.
          if (changes.signUpApproval === null) delete next.signUpApproval;
          else if (changes.signUpApproval) next.signUpApproval = { ...changes.signUpApproval };
          return next;
        },
        {
          ...(changes.identityProviders ? { identityProviders: changes.identityProviders.length } : {}),
          ...(changes.applications ? { applications: changes.applications.length } : {}),
          ...(changes.signUpApproval !== undefined ? { signUpApproval: changes.signUpApproval ? 1 : 0 } : {}),
        },
        options,
        async (unit, row, after) => {
          if (changes.applications) await unit.replaceFlowAssignments(tenantId, row.id, after.applications ?? []);
        },
      ),
  };
}
