import { describe, expect, it } from "vitest";
import { journeyStepPath, stepSegment, stepToShow } from "./step-path";

const signUpStates = new Set(["chooseProvider", "enterEmail", "enterCode", "federating", "collectAttributes", "completed"]);
const isSignUpState = (state: string) => signUpStates.has(state);

describe("a journey step's own address", () => {
  it("names each step with a short word, and any other state by its name", () => {
    expect(journeyStepPath("woodgrove", "j1", "enterEmail")).toBe("/woodgrove/journey/j1/email");
    expect(journeyStepPath("woodgrove", "j1", "enterCode")).toBe("/woodgrove/journey/j1/code");
    expect(journeyStepPath("woodgrove", "j1", "collectAttributes")).toBe("/woodgrove/journey/j1/attributes");
    expect(stepSegment("signUpClosed")).toBe("sign-up-closed");
  });

  it("never takes the name of a journey route", () => {
    for (const route of ["submit", "cancel", "federate", "federated"]) expect(stepSegment(route)).not.toBe(route);
  });

  it("shows the current step at its address, and the address page again from the passcode page", () => {
    expect(stepToShow("enterCode", "code", isSignUpState)).toEqual({ show: "enterCode" });
    expect(stepToShow("enterCode", "email", isSignUpState)).toEqual({ show: "enterEmail" });
  });

  it("sends an address of a step the journey has left, or of none, to the current step", () => {
    expect(stepToShow("collectAttributes", "code", isSignUpState)).toEqual({ redirectTo: "attributes" });
    expect(stepToShow("collectAttributes", "email", isSignUpState)).toEqual({ redirectTo: "attributes" });
    expect(stepToShow("enterEmail", "code", isSignUpState)).toEqual({ redirectTo: "email" });
    expect(stepToShow("enterEmail", "choose", isSignUpState)).toEqual({ redirectTo: "email" });
    expect(stepToShow("enterCode", "nonsense", isSignUpState)).toEqual({ redirectTo: "code" });
  });

  it("does not offer an address page to a kind that has none (an invitation's passcode)", () => {
    expect(stepToShow("enterCode", "email", (state) => state !== "enterEmail")).toEqual({ redirectTo: "code" });
  });
});
