import { describe, expect, it } from "vitest";
import { ATTRIBUTE_ERROR_CODES, BUILT_IN_ATTRIBUTE_NAMES } from "../../directory";
import { flattenMessages } from "./icu-arguments";
import { hintAttributesFor } from "./hints";
import { demoFlow, sourceMessages } from "./test-fixtures";

const keys = flattenMessages(sourceMessages);

describe("messages the attribute page will look up", () => {
  it("exist for every error code", () => {
    expect(ATTRIBUTE_ERROR_CODES.filter((code) => !keys.has(`attributes.errors.${code}`))).toEqual([]);
  });
  it("exist for every built-in attribute's label", () => {
    expect(BUILT_IN_ATTRIBUTE_NAMES.filter((name) => !keys.has(`attributes.labels.${name}`))).toEqual([]);
  });
  it("exist for every message id a hint hands out", () => {
    const ids = (["woodgrove", "sparbanken"] as const)
      .flatMap((slug) =>
        demoFlow(slug).applications.flatMap((appId) => hintAttributesFor(demoFlow(slug), { appId, locale: "fr" })),
      )
      .flatMap((hint) => [hint.label, hint.help])
      .flatMap((text) => (text && "id" in text ? [text.id] : []));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !keys.has(id))).toEqual([]);
  });
});
