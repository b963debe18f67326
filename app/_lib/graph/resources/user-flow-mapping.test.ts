import { describe, expect, it } from "vitest";
import { isGraphError } from "../errors";
import {
  customEntry,
  flowNameOf,
  graphProviderId,
  parseAttributeId,
  parseUserInputType,
  tenantProviderId,
} from "./user-flow-mapping";
import { overridesFromPage, pageFromOverrides } from "./user-flow-pages";

const APP_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const providers = [
  { id: "email", kind: "email-otp" },
  { id: "entra", kind: "microsoft-entra", audience: "organizations" },
  { id: "msa", kind: "microsoft-entra", audience: "consumers" },
  { id: "google", kind: "google" },
  { id: "google-2", kind: "google" },
  { id: "github", kind: "github" },
];

describe("Graph ↔ user flow mapping", () => {
  it("derives one stored name from every spelling of a Graph flow id", () => {
    for (const id of ["Partners", "B2X_1_Partners", "b2x_1_partners", "PARTNERS"]) expect(flowNameOf(id)).toBe("partners");
    expect(flowNameOf("Partner Portal_2")).toBe("partner-portal-2");
  });

  it("maps WF provider ids to the first tenant provider of their kind; the others keep their tenant id", () => {
    expect(providers.map((p) => graphProviderId(p, providers))).toEqual([
      "EmailOtpSignup-OAUTH",
      "AADSignup-OAUTH",
      "MSASignup-OAUTH",
      "Google-OAUTH",
      "google-2",
      "github",
    ]);
    expect(tenantProviderId("facebook-oauth", providers)).toBeUndefined();
    expect(tenantProviderId("msasignup-oauth", providers)).toBe("msa");
    expect(tenantProviderId("GitHub", providers)).toBe("github");
  });

  it("reads attribute ids and input types case-insensitively, and only this tenant's extension ids", () => {
    expect(parseAttributeId("City", APP_ID)).toEqual({ builtIn: "city" });
    expect(parseAttributeId(`extension_${APP_ID.toUpperCase()}_orgType`, APP_ID)).toEqual({ custom: "orgType" });
    expect(() => parseAttributeId(`extension_${"b".repeat(32)}_orgType`, APP_ID)).toThrow(/is not a user flow attribute/);
    expect(parseUserInputType("TextBox")).toBe("textBox");
    expect(parseUserInputType("slider")).toBeUndefined();
  });

  it("refuses an input type an attribute's data type cannot take, naming both", () => {
    const refused = (() => {
      try {
        customEntry("age", "int64", { userInputType: "dropdownSingleSelect" }, ["en"]);
      } catch (error) {
        return error;
      }
    })();
    expect(isGraphError(refused) && refused.message).toBe(
      "userInputType 'dropdownSingleSelect' does not fit an attribute of dataType 'int64'.",
    );
    expect(customEntry("kvk", "string", { guestgateValidators: [{ type: "kvk" }] }, ["nl", "en"])).toMatchObject({
      type: "string",
      format: "businessRegistration",
      country: "NL",
      label: { nl: "kvk", en: "kvk" },
    });
  });

  it("round-trips override pages, keeping message keys that have no B2C string id", () => {
    const texts = {
      "attributes.page.submit": "Doorgaan",
      "attributes.labels.city": "Woonplaats",
      "journey.chooseProvider.title": "Welkom",
    };
    expect(overridesFromPage(pageFromOverrides(texts))).toEqual(texts);
    expect(() =>
      overridesFromPage(
        JSON.stringify({
          LocalizedStrings: [{ ElementType: "ClaimType", ElementId: "orgType", StringId: "DisplayName", Value: "x" }],
        }),
      ),
    ).toThrow("Unknown string ids in the override page: orgType/DisplayName.");
    expect(() => overridesFromPage("not json")).toThrow("The override page is not JSON.");
  });
});
