// The library's main entry exposes only the check; its per-country patterns live in this module.
import { POSTCODE_REGEXES } from "postcode-validator/lib/cjs/postcode-regexes";

/**
 * An example of a country's postal code, written from the pattern that `normalizePostalCode`
 * checks against, so an error can show the expected form ("1234 AB", "123 45", "A1B 2C3") rather
 * than only say "not valid". Digits count up from 1 and letters from A, each slot taking the next
 * character its class allows; optional parts are left out, optional separators kept (the national
 * post writes them). A pattern this reader does not follow gives no example, never a wrong one:
 * callers check the result against the country's own rules before showing it.
 */
export function postalCodeExampleFromPattern(pattern: RegExp): string | undefined {
  const source = pattern.source.replace(/^\^/, "").replace(/\$$/, "");
  const state = { digit: 0, letter: 0 };
  try {
    return writeSequence(source, state).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function postalCodeExample(country: string): string | undefined {
  const pattern = POSTCODE_REGEXES.get(country);
  return pattern ? postalCodeExampleFromPattern(pattern) : undefined;
}

interface Counters {
  digit: number;
  letter: number;
}

const DIGITS = "1234567890";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

class Unreadable extends Error {}

/** Writes one alternative (the first) of a sequence of atoms. */
function writeSequence(source: string, counters: Counters): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const atom = readAtom(source, i);
    const quantifier = readQuantifier(source, atom.end);
    i = quantifier.end;
    if (atom.kind === "alternation") break; // first alternative only
    const separator = atom.kind === "chars" && atom.chars.every((c) => c === " " || c === "-");
    if (quantifier.min === 0 && !(separator && quantifier.max === 1)) continue;
    const times = Math.max(quantifier.min, 1);
    for (let n = 0; n < times; n++) {
      out += atom.kind === "group" ? writeSequence(atom.body, counters) : pick(atom.chars, counters);
    }
  }
  return out;
}

type Atom =
  | { kind: "chars"; chars: string[]; end: number }
  | { kind: "group"; body: string; end: number }
  | { kind: "alternation"; end: number };

function readAtom(source: string, i: number): Atom {
  const c = source[i]!;
  if (c === "|") return { kind: "alternation", end: i + 1 };
  if (c === "(") {
    const close = matchingParen(source, i);
    const body = source.slice(i + 1, close).replace(/^\?:/, "");
    return { kind: "group", body, end: close + 1 };
  }
  if (c === "[") {
    const close = source.indexOf("]", i + 2);
    if (close < 0) throw new Unreadable();
    return { kind: "chars", chars: expandClass(source.slice(i + 1, close)), end: close + 1 };
  }
  if (c === "\\") {
    const escaped = source[i + 1];
    if (escaped === "d") return { kind: "chars", chars: [...DIGITS], end: i + 2 };
    if (escaped === "s") return { kind: "chars", chars: [" "], end: i + 2 };
    if (escaped && /[-\s.]/.test(escaped)) return { kind: "chars", chars: [escaped], end: i + 2 };
    throw new Unreadable();
  }
  if (/[A-Za-z0-9 -]/.test(c)) return { kind: "chars", chars: [c.toUpperCase()], end: i + 1 };
  throw new Unreadable();
}

function readQuantifier(source: string, i: number): { min: number; max: number; end: number } {
  const c = source[i];
  if (c === "?") return { min: 0, max: 1, end: i + 1 };
  if (c === "*") return { min: 0, max: Infinity, end: i + 1 };
  if (c === "+") return { min: 1, max: Infinity, end: i + 1 };
  if (c === "{") {
    const close = source.indexOf("}", i);
    const [min, max] = source.slice(i + 1, close).split(",");
    const low = Number(min);
    if (!Number.isInteger(low)) throw new Unreadable();
    return { min: low, max: max === undefined ? low : max === "" ? Infinity : Number(max), end: close + 1 };
  }
  return { min: 1, max: 1, end: i };
}

function matchingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === "(") depth++;
    else if (source[i] === ")" && --depth === 0) return i;
  }
  throw new Unreadable();
}

/** `AC-FHK0-9` → the characters it allows, upper-cased; a negated class is not followed. */
function expandClass(body: string): string[] {
  if (body.startsWith("^")) throw new Unreadable();
  const chars: string[] = [];
  const text = body.replace(/\\d/g, "0-9").replace(/\\s/g, " ").replace(/\\-/g, "\u0000");
  for (let i = 0; i < text.length; i++) {
    const from = text[i]!;
    if (text[i + 1] === "-" && i + 2 < text.length) {
      for (let code = from.charCodeAt(0); code <= text.charCodeAt(i + 2); code++) chars.push(String.fromCharCode(code));
      i += 2;
    } else chars.push(from === "\u0000" ? "-" : from);
  }
  return [...new Set(chars.map((c) => c.toUpperCase()))];
}

/** The next digit or letter the class allows, so "\d\d\d\d" reads 1234 and "[A-Z]{2}" AB. */
function pick(chars: string[], counters: Counters): string {
  const digits = chars.filter((c) => DIGITS.includes(c));
  const letters = chars.filter((c) => LETTERS.includes(c));
  if (digits.length > 0 && (letters.length === 0 || counters.digit <= counters.letter)) {
    const ordered = [...DIGITS].filter((d) => digits.includes(d));
    return ordered[counters.digit++ % ordered.length]!;
  }
  if (letters.length > 0) return letters[counters.letter++ % letters.length]!;
  return chars[0]!;
}
