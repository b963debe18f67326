import type { UserFlowEditing } from "./contract";
import type { EditCore } from "./core";

/** A flow's texts per language (the override pages). */
export function languageOverrideVerbs(core: EditCore): Pick<UserFlowEditing, "putOverrides"> {
  const { edit } = core;
  return {
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
  };
}
