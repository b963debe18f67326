/**
 * Strict application/x-www-form-urlencoded parsing for OAuth parameters (query strings and form
 * bodies alike). URLSearchParams is too forgiving for a protocol endpoint: it replaces invalid
 * percent-encoding with U+FFFD and keeps the last of repeated parameters. Here:
 * - a known parameter given twice is a problem (RFC 6749 §3.1, §3.2: "MUST NOT be included more than once");
 * - an empty value is an absent parameter (RFC 6749 §3.1);
 * - control characters, invalid UTF-8 and oversized values are problems;
 * - unknown parameters are ignored whatever they hold (RFC 6749 §3.1; MSAL sends client_info, x-client-*).
 */
export interface ParameterProblem {
  /** The parameter at fault, or undefined for the request as a whole. */
  name: string | undefined;
  problem: string;
}

export interface Parameters {
  /** The value, or undefined when absent, empty or faulty. */
  get(name: string): string | undefined;
  problems: readonly ParameterProblem[];
  problemWith(name: string): ParameterProblem | undefined;
}

export interface ParameterRules {
  /** Parameter names the endpoint understands; all others are dropped unread. */
  known: readonly string[];
  /** Longest accepted value per parameter, in UTF-16 code units; others get defaultMaxLength. */
  maxLength?: Readonly<Record<string, number>>;
  defaultMaxLength?: number;
  /** Longest accepted encoded input, in characters. */
  maxInputLength?: number;
  maxParameters?: number;
}

const DEFAULT_MAX_LENGTH = 2048;
const DEFAULT_MAX_INPUT = 64 * 1024;
const DEFAULT_MAX_PARAMETERS = 100;
// C0 controls, DEL and C1 controls: no OAuth parameter carries them, and PostgreSQL text cannot hold NUL.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Invalid UTF-16 (String.prototype.isWellFormed is ES2024). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function parseParameters(input: string, rules: ParameterRules): Parameters {
  const values = new Map<string, string>();
  const problems: ParameterProblem[] = [];
  const seen = new Set<string>();
  const known = new Set(rules.known);
  const fail = (name: string | undefined, problem: string) => {
    if (name !== undefined) values.delete(name);
    if (!problems.some((p) => p.name === name)) problems.push({ name, problem });
  };

  if (input.length > (rules.maxInputLength ?? DEFAULT_MAX_INPUT)) fail(undefined, "the request is too large");
  else {
    const pieces = input.split("&").filter((piece) => piece.length > 0);
    if (pieces.length > (rules.maxParameters ?? DEFAULT_MAX_PARAMETERS)) fail(undefined, "the request has too many parameters");
    else {
      for (const piece of pieces) {
        const equals = piece.indexOf("=");
        const name = decode(equals === -1 ? piece : piece.slice(0, equals));
        if (name === undefined || !known.has(name)) continue;
        if (seen.has(name)) {
          fail(name, `${name} is repeated`);
          continue;
        }
        seen.add(name);
        const value = decode(equals === -1 ? "" : piece.slice(equals + 1));
        const problem = valueProblem(name, value, rules);
        if (problem) fail(name, problem);
        else if (value) values.set(name, value);
      }
    }
  }

  return {
    get: (name) => values.get(name),
    problems,
    problemWith: (name) => problems.find((p) => p.name === name),
  };
}

function valueProblem(name: string, value: string | undefined, rules: ParameterRules): string | undefined {
  if (value === undefined) return `${name} is not valid percent-encoded UTF-8`;
  if (LONE_SURROGATE.test(value)) return `${name} is not valid Unicode`;
  if (CONTROL.test(value)) return `${name} contains control characters`;
  if (value.length > (rules.maxLength?.[name] ?? rules.defaultMaxLength ?? DEFAULT_MAX_LENGTH)) return `${name} is too long`;
  return undefined;
}

/** Form decoding: `+` is a space, then percent-decoding that must yield valid UTF-8. */
function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** Parameters built from a plain record (for callers that already hold decoded values, e.g. a snapshot). */
export function encodeParameters(values: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) search.append(name, value);
  return search.toString();
}
