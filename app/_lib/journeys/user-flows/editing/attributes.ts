import { UserFlowEditError, type AttributeEntry, type UserFlowEditing } from "./contract";
import { attributesOf, sameName, type EditCore } from "./core";

/** The attributes a flow collects, and their order on the sign-up page. */
export function attributeVerbs(
  core: EditCore,
): Pick<UserFlowEditing, "addAttribute" | "updateAttribute" | "removeAttribute" | "setAttributeOrder"> {
  const { requireCatalogEntry, edit } = core;
  return {
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
  };
}
