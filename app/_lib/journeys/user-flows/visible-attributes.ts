import type { FlowAttribute, UserFlow } from "./types";

export interface AttributeSelection {
  /** The client id of the app the guest came from: per-app attributes show only for their apps. */
  appId: string;
  /** Progressive profiling: ask only for these (usually missingRequiredAttributes' answer). */
  onlyMissing?: readonly string[];
}

/** The attributes a guest coming from `appId` is asked for, in the flow's order. */
export function attributesFor(flow: UserFlow, selection: AttributeSelection): FlowAttribute[] {
  return flow.attributes.filter(
    (attribute) =>
      (!attribute.apps || attribute.apps.includes(selection.appId)) &&
      (!selection.onlyMissing || selection.onlyMissing.includes(attribute.definition.name)),
  );
}

/** Only attributes the guest types: identity attributes (email) are shown, never submitted. */
export function editableAttributesFor(flow: UserFlow, selection: AttributeSelection): FlowAttribute[] {
  return attributesFor(flow, selection).filter((attribute) => attribute.definition.source === "user");
}
