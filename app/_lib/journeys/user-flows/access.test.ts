import { describe, expect, it } from "vitest";
import { userFlowAccess, userFlowForApplication } from "./access";
import { demoFlow, WOODGROVE_BUSINESS } from "./test-fixtures";

const flow = demoFlow("woodgrove");
const tenant = (enabled: boolean) => ({ selfServiceSignUp: { enabled } });

describe("what a flow lets people do", () => {
  it("signs up and signs in when the tenant and the flow allow sign-up", () => {
    expect(userFlowAccess(flow, tenant(true))).toEqual({ signIn: true, signUp: true });
  });
  it("is sign-in only when the tenant's self-service sign-up switch is off, whatever the flow says", () => {
    expect(userFlowAccess(flow, tenant(false))).toEqual({ signIn: true, signUp: false });
  });
  it("is sign-in only when the flow does not allow sign-up", () => {
    expect(userFlowAccess({ ...flow, signUpAllowed: false }, tenant(true))).toEqual({ signIn: true, signUp: false });
  });
  it("serves nobody when disabled", () => {
    expect(userFlowAccess({ ...flow, enabled: false }, tenant(true))).toEqual({ signIn: false, signUp: false });
  });
  it("finds the flow an app is assigned to", () => {
    expect(userFlowForApplication([flow], WOODGROVE_BUSINESS)?.name).toBe("signup-signin");
    expect(userFlowForApplication([flow], "unknown")).toBeUndefined();
  });
});
