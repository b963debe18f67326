import type { FlowExtensionEvent } from "../../custom-extensions/types";
import type { UserFlowEditing } from "./contract";
import type { EditCore } from "./core";

/** Which custom authentication extension a flow calls at each of its events (`guestgateCustomAuthenticationExtensions`). */
export function customExtensionVerbs(core: EditCore): Pick<UserFlowEditing, "setCustomExtension"> {
  return {
    setCustomExtension: (actor, tenantId, name, event: FlowExtensionEvent, extensionId, options) =>
      core.edit(
        actor,
        tenantId,
        name,
        extensionId ? "customExtensionAttached" : "customExtensionDetached",
        (definition) => {
          const current = { ...((definition.customAuthenticationExtensions as Record<string, string> | undefined) ?? {}) };
          if (extensionId) current[event] = extensionId;
          else delete current[event];
          const { customAuthenticationExtensions: _drop, ...rest } = definition;
          void _drop;
          return Object.keys(current).length ? { ...rest, customAuthenticationExtensions: current } : rest;
        },
        { event, ...(extensionId ? { customExtension: extensionId } : {}) },
        options,
      ),
  };
}
