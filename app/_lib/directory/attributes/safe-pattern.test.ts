import { describe, expect, it } from "vitest";
import { compilePattern, matchesPattern, MAX_PATTERN_INPUT, MAX_PATTERN_LENGTH, patternRegex } from "./safe-pattern";

describe("administrator patterns", () => {
  it("match the whole value, as the HTML pattern attribute does", () => {
    const result = compilePattern("[0-9]{8}");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(matchesPattern(result.regex, "12345678")).toBe(true);
    expect(matchesPattern(result.regex, "x12345678")).toBe(false);
    expect(matchesPattern(result.regex, "123456789")).toBe(false);
  });

  it("keep alternatives inside the anchors", () => {
    const regex = patternRegex("AB|CD");
    expect(matchesPattern(regex, "AB")).toBe(true);
    expect(matchesPattern(regex, "ABX")).toBe(false);
    expect(matchesPattern(regex, "XCD")).toBe(false);
  });

  it.each(["(a+)+", "(a*)*b", "([a-z]+)*$", "(x+x+)+y"])("refuses %s, which backtracks exponentially", (pattern) => {
    const result = compilePattern(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/exponential/);
  });

  it("refuses patterns that are too long, empty or not regular expressions", () => {
    expect(compilePattern("a".repeat(MAX_PATTERN_LENGTH + 1))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/at most/),
    });
    expect(compilePattern("")).toMatchObject({ ok: false });
    expect(compilePattern("[a-")).toMatchObject({ ok: false, reason: expect.stringMatching(/not a valid regular expression/) });
    expect(compilePattern("a)(")).toMatchObject({ ok: false });
  });

  it("never tests more input than the bound", () => {
    expect(matchesPattern(patternRegex(".*"), "a".repeat(MAX_PATTERN_INPUT))).toBe(true);
    expect(matchesPattern(patternRegex(".*"), "a".repeat(MAX_PATTERN_INPUT + 1))).toBe(false);
  });

  it("fails closed when handed a pattern that never passed the import check", () => {
    expect(matchesPattern(patternRegex("(a+)+"), "aaa")).toBe(false);
  });

  it("compile as browsers do, with the v flag: a bare - inside a class must be escaped", () => {
    expect(compilePattern("[A-Z0-9-]{4}")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/escape .* inside \[\.\.\.\]/),
    });
    const escaped = compilePattern("[A-Z0-9\\-]{4}");
    expect(escaped.ok && matchesPattern(escaped.regex, "AB-1")).toBe(true);
  });
});
