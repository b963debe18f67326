import { z } from "zod";
import { CONNECTOR_STEPS, FLOW_EXTENSION_EVENTS } from "../../../../../_lib/journeys";
import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { flowAction } from "../../_lib/flow-action";

const choice = z.string().trim().max(64).default("");
const form = z.object({
  ...Object.fromEntries(CONNECTOR_STEPS.map((step) => [`apiConnector-${step}`, choice])),
  ...Object.fromEntries(FLOW_EXTENSION_EVENTS.map((event) => [`customExtension-${event}`, choice])),
});

/**
 * Attaches or detaches the flow's API connector per step and custom extension per event, as Graph's
 * `$ref` routes do: only what changed, each through its user-flow verb (audited
 * `userFlow.apiConnectorAttached`/`…Detached`, `userFlow.customExtensionAttached`/`…Detached`), and
 * only ids of this tenant's connectors and extensions of the right event (another's reads as missing).
 */
export const POST = flowAction(async ({ tenant, actor, form: body, flow, here, options }) => {
  const parsed = form.safeParse(Object.fromEntries(body));
  const refused = (code: string) => ({ redirect: withFeedback(here, { problems: { extensions: code }, values: {} }) });
  if (!parsed.success) return refused("invalid");
  const chosen = parsed.data as Record<string, string>;
  const connectors = (flow.definition.apiConnectors as Record<string, string> | undefined) ?? {};
  const extensions = (flow.definition.customAuthenticationExtensions as Record<string, string> | undefined) ?? {};
  const { userFlows, apiConnectors, customExtensions } = services();

  const changes: (() => Promise<unknown>)[] = [];
  for (const step of CONNECTOR_STEPS) {
    const id = chosen[`apiConnector-${step}`] || null;
    if (id === (connectors[step] ?? null)) continue;
    if (id && !(await apiConnectors.exists(tenant.slug, id))) return refused("notFound");
    changes.push(() => userFlows.setApiConnector(actor, tenant.slug, flow.name, step, id, change()));
  }
  for (const event of FLOW_EXTENSION_EVENTS) {
    const id = chosen[`customExtension-${event}`] || null;
    if (id === (extensions[event] ?? null)) continue;
    if (id && !(await customExtensions.exists(tenant.slug, id, event))) return refused("notFound");
    changes.push(() => userFlows.setCustomExtension(actor, tenant.slug, flow.name, event, id, change()));
  }
  // The page's version guards the first write; the later ones follow it, so they run on the flow it left.
  let first = true;
  function change() {
    const given = first ? options : {};
    first = false;
    return given;
  }
  for (const run of changes) await run();
  return { redirect: `${here}?done=extensionsSaved` };
});
