import { describe, expect, it } from "vitest";
import { audienceOf } from "./call";
import { parseExtensionAnswer } from "./contract";

const one = (data: string, action: Record<string, unknown>) => ({ data: { "@odata.type": data, actions: [action] } });

describe("reading a custom extension's answer (graph-contracts §6.2)", () => {
  it("takes the OTP answer in either of the casings Microsoft's documents and samples use", () => {
    for (const [data, action] of [
      ["microsoft.graph.OnOtpSendResponseData", "microsoft.graph.OtpSend.continueWithDefaultBehavior"],
      ["#microsoft.graph.onOtpSendResponseData", "#microsoft.graph.otpSend.ContinueWithDefaultBehavior"],
    ])
      expect(parseExtensionAnswer("onOtpSend", 200, one(data!, { "@odata.type": action }))).toEqual({ action: "continue" });
  });

  it("keeps string and string-array claims, and refuses any other value", () => {
    const data = "microsoft.graph.onTokenIssuanceStartResponseData";
    const type = "microsoft.graph.tokenIssuanceStart.provideClaimsForToken";
    expect(
      parseExtensionAnswer("onTokenIssuanceStart", 200, one(data, { "@odata.type": type, claims: { A: "x", B: ["y"] } })),
    ).toEqual({ action: "claims", claims: { A: "x", B: ["y"] } });
    for (const value of [true, 3, { nested: "x" }, ["x", 1], null])
      expect(
        parseExtensionAnswer("onTokenIssuanceStart", 200, one(data, { "@odata.type": type, claims: { A: value } })),
      ).toMatchObject({
        action: "invalid",
      });
  });

  it("needs HTTP 200, a data object of the event's type and exactly one action", () => {
    const answer = one("microsoft.graph.onAttributeCollectionStartResponseData", {
      "@odata.type": "microsoft.graph.attributeCollectionStart.continueWithDefaultBehavior",
    });
    expect(parseExtensionAnswer("onAttributeCollectionStart", 200, answer)).toEqual({ action: "continue" });
    expect(parseExtensionAnswer("onAttributeCollectionStart", 202, answer)).toMatchObject({
      action: "invalid",
      reason: "HTTP 202",
    });
    expect(parseExtensionAnswer("onAttributeCollectionSubmit", 200, answer)).toMatchObject({ action: "invalid" });
    expect(parseExtensionAnswer("onAttributeCollectionStart", 200, [answer])).toMatchObject({ action: "invalid" });
    expect(parseExtensionAnswer("onAttributeCollectionStart", 200, { data: { ...answer.data, actions: [] } })).toMatchObject({
      action: "invalid",
      reason: "0 actions, not one",
    });
  });

  it("sends the token to the app id at the end of api://{fqdn}/{appId}", () => {
    expect(audienceOf("api://hooks.partner.example/7e21a0b6-5d7f-4e21-a0b6-c8d4e2f19a77")).toBe(
      "7e21a0b6-5d7f-4e21-a0b6-c8d4e2f19a77",
    );
    expect(audienceOf("7e21a0b6-5d7f-4e21-a0b6-c8d4e2f19a77")).toBe("7e21a0b6-5d7f-4e21-a0b6-c8d4e2f19a77");
  });
});
