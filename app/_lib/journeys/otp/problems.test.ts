import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PASSCODE_SEND_FAILED, passcodeProblem } from "./problems";

const en = JSON.parse(readFileSync("messages/en.json", "utf8"));
const message = (id: string) => id.split(".").reduce((node, key) => node?.[key], en);

describe("passcode problems", () => {
  it("name messages that exist, with the arguments they use", () => {
    const problems = [
      passcodeProblem({ status: "invalidAddress" }),
      passcodeProblem({ status: "rateLimited", retryAfterSeconds: 61 }),
      passcodeProblem({ status: "malformed" }),
      passcodeProblem({ status: "wrongCode", attemptsLeft: 2 }),
      passcodeProblem({ status: "locked" }),
      passcodeProblem({ status: "expired" }),
      PASSCODE_SEND_FAILED,
    ];
    for (const problem of problems) {
      expect(typeof message(problem!.id), problem!.id).toBe("string");
      for (const argument of Object.keys(problem!.context ?? {})) expect(message(problem!.id)).toContain(`{${argument}`);
    }
    expect(problems[1]).toEqual({ id: "otp.errors.rateLimited", context: { minutes: 2 } });
  });
  it("is silent on success", () => {
    expect(passcodeProblem({ status: "verified", address: "a@b.example" })).toBeUndefined();
  });
});
