import { UserFlowEditError, type UserFlowEditing } from "./contract";
import type { EditCore } from "./core";

/** The identity providers a flow offers. */
export function identityProviderVerbs(core: EditCore): Pick<UserFlowEditing, "addIdentityProvider" | "removeIdentityProvider"> {
  const { edit } = core;
  return {
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
  };
}
