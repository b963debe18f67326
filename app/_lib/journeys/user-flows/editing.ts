/**
 * Editing one stored flow (the Graph `identity/b2xUserFlows` surface, contract §4). The stored
 * definition is the flow's entry of a user-flows file, the same text `flowFor` parses for the
 * sign-up journey, so every edit is read → change → validated again with `userFlowSchema` → written
 * back only if the row is unchanged since it was read (a conditional update on `updatedAt`,
 * retried a few times, then `modified`). An edit that makes the flow invalid writes nothing and
 * names the problem.
 */
import type { UserFlowEditing, UserFlowEditingPorts } from "./editing/contract";
import { apiConnectorVerbs } from "./editing/api-connectors";
import { attributeVerbs } from "./editing/attributes";
import { customExtensionVerbs } from "./editing/custom-extensions";
import { createEditCore } from "./editing/core";
import { customAttributeVerbs } from "./editing/custom-attributes";
import { flowVerbs } from "./editing/flows";
import { identityProviderVerbs } from "./editing/identity-providers";
import { languageOverrideVerbs } from "./editing/language-overrides";

export {
  UserFlowEditError,
  type AttributeEntry,
  type CustomAttribute,
  type CustomAttributeDataType,
  type EditedUserFlow,
  type FlowDefinition,
  type UserFlowEditErrorCode,
  type UserFlowEditing,
  type UserFlowEditingPorts,
  type UserFlowTenantConfiguration,
} from "./editing/contract";

/** The editing verbs, one file per concern under editing/, over one shared core. */
export function createUserFlowEditing(ports: UserFlowEditingPorts): UserFlowEditing {
  const core = createEditCore(ports);
  return {
    ...flowVerbs(core),
    ...identityProviderVerbs(core),
    ...attributeVerbs(core),
    ...languageOverrideVerbs(core),
    ...customAttributeVerbs(core),
    ...apiConnectorVerbs(core),
    ...customExtensionVerbs(core),
  };
}
