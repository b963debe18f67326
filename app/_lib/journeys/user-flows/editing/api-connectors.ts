import type { ConnectorStep } from "../../api-connectors/types";
import type { UserFlowEditing } from "./contract";
import type { EditCore } from "./core";

/** Which API connector a flow calls at each of Entra's two sign-up steps (`apiConnectorConfiguration`). */
export function apiConnectorVerbs(core: EditCore): Pick<UserFlowEditing, "setApiConnector"> {
  return {
    setApiConnector: (actor, tenantId, name, step: ConnectorStep, connectorId, options) =>
      core.edit(
        actor,
        tenantId,
        name,
        connectorId ? "apiConnectorAttached" : "apiConnectorDetached",
        (definition) => {
          const current = { ...((definition.apiConnectors as Record<string, string> | undefined) ?? {}) };
          if (connectorId) current[step] = connectorId;
          else delete current[step];
          const { apiConnectors: _drop, ...rest } = definition;
          void _drop;
          return Object.keys(current).length ? { ...rest, apiConnectors: current } : rest;
        },
        { step, ...(connectorId ? { apiConnector: connectorId } : {}) },
        options,
      ),
  };
}
