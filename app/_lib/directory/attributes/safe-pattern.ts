import safeRegex from "safe-regex2";

/** Longer patterns are rarely needed and much harder to reason about; refuse them at import. */
export const MAX_PATTERN_LENGTH = 200;
/**
 * Values are never tested longer than this, whatever maxLength says: backtracking cost grows with
 * the input, so a bounded input bounds the worst case of a pattern that slipped through.
 */
export const MAX_PATTERN_INPUT = 1000;

export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; reason: string };

/**
 * Compiles an administrator's pattern the way a browser compiles an `<input pattern>`: anchored
 * to the whole value and with the `v` flag (HTML Standard §4.10.5.3.6), so the browser hint and
 * the server check agree. Patterns with nested quantifiers such as `(a+)+` — the shape behind
 * catastrophic backtracking (ReDoS) — are refused, as judged by `safe-regex2`'s star-height check.
 */
export function compilePattern(pattern: string): CompiledPattern {
  if (pattern.length === 0) return { ok: false, reason: "must not be empty" };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `must be at most ${MAX_PATTERN_LENGTH} characters` };
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`, "v");
  } catch (error) {
    const hint = compilesWithoutV(pattern) ? "; with the v flag, escape ( ) [ ] { } / - | inside [...], e.g. [A-Z0-9\\-]" : "";
    return { ok: false, reason: `is not a valid regular expression (${(error as Error).message})${hint}` };
  }
  // safe-regex2 parses classic syntax; a pattern it cannot read is refused rather than trusted.
  let safe = false;
  try {
    safe = safeRegex(pattern);
  } catch {
    safe = false;
  }
  if (!safe)
    return { ok: false, reason: "may take exponential time on some inputs (nested repetition such as (a+)+); simplify it" };
  return { ok: true, regex };
}

/** Browsers before the v flag accepted more inside classes; say why an old-style pattern fails. */
function compilesWithoutV(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

/** Tests a value against a compiled pattern, never on more than MAX_PATTERN_INPUT characters. */
export function matchesPattern(regex: RegExp, value: string): boolean {
  return value.length <= MAX_PATTERN_INPUT && regex.test(value);
}

const compiled = new Map<string, RegExp>();

/**
 * The compiled form of a pattern that passed `compilePattern` at import, cached: flows are data
 * read from a file, so the same few patterns are tested on every submission.
 */
export function patternRegex(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    const result = compilePattern(pattern);
    // A definition that skipped validation fails closed: nothing matches.
    regex = result.ok ? result.regex : /(?!)/;
    compiled.set(pattern, regex);
  }
  return regex;
}
