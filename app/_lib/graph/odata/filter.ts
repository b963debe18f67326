import { graphErrors } from "../errors";
import type { FilterExpression, FilterLiteral } from "./ast";

/**
 * `$filter` as Graph reads it (OData 4.01 §5.1.1, the subset of contract §0.5): comparisons,
 * `in`, startsWith/endsWith/contains, and/or/not, parentheses and `any` lambdas. A syntax error is
 * 400 `Request_BadRequest` naming where it broke; whether a property is supported is the
 * resource's question, not the parser's.
 */
const MAX_LENGTH = 4096;
const MAX_DEPTH = 32;

type Token =
  | { t: "ident"; v: string; at: number }
  | { t: "string"; v: string; at: number }
  | { t: "number"; v: number; at: number }
  | { t: "guid"; v: string; at: number }
  | { t: "dateTime"; v: string; at: number }
  | { t: "punct"; v: "(" | ")" | "," | ":" | "/"; at: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2}))?/;
const NUMBER = /^-?\d+(\.\d+)?/;
const IDENT = /^[A-Za-z_$@][A-Za-z0-9_.$@-]*/;

const syntax = (message: string) => graphErrors.badRequest(`Invalid filter clause: ${message}`);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if ("(),:/".includes(c)) {
      tokens.push({ t: "punct", v: c as "(" | ")" | "," | ":" | "/", at: i });
      i++;
      continue;
    }
    if (c === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw syntax(`the string literal at position ${i} is not closed.`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ t: "string", v: value, at: i });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    const guid = GUID.exec(rest);
    if (guid && !/[A-Za-z0-9_-]/.test(rest[guid[0].length] ?? "")) {
      tokens.push({ t: "guid", v: guid[0].toLowerCase(), at: i });
      i += guid[0].length;
      continue;
    }
    const dateTime = DATE_TIME.exec(rest);
    if (dateTime && dateTime[0].length >= 10) {
      if (Number.isNaN(Date.parse(dateTime[0]))) throw syntax(`'${dateTime[0]}' is not a valid date and time.`);
      tokens.push({ t: "dateTime", v: dateTime[0], at: i });
      i += dateTime[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ t: "number", v: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ t: "ident", v: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    throw syntax(`unexpected character '${c}' at position ${i}.`);
  }
  return tokens;
}

const COMPARE = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const FUNCTIONS: Record<string, "startsWith" | "endsWith" | "contains"> = {
  startswith: "startsWith",
  endswith: "endsWith",
  contains: "contains",
};

export function parseFilter(text: string): FilterExpression {
  if (text.length > MAX_LENGTH) throw graphErrors.badRequest(`$filter is longer than ${MAX_LENGTH} characters.`);
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (word: string, token = peek()) => token?.t === "ident" && token.v.toLowerCase() === word;
  const isPunct = (p: string, token = peek()) => token?.t === "punct" && token.v === p;
  const where = () => (peek() ? `at position ${peek()!.at}` : "at the end");
  const expectPunct = (p: string) => {
    if (!isPunct(p)) throw syntax(`expected '${p}' ${where()}.`);
    pos++;
  };

  // Inside a lambda, paths that start with its variable are relative to the item.
  const lambdaVariables: string[] = [];

  function path(): string {
    const first = peek();
    if (first?.t !== "ident") throw syntax(`expected a property name ${where()}.`);
    pos++;
    const segments = [first.v];
    while (isPunct("/") && tokens[pos + 1]?.t === "ident" && !isWord("any", tokens[pos + 1]) && !isWord("all", tokens[pos + 1])) {
      pos++;
      segments.push((tokens[pos] as { v: string }).v);
      pos++;
    }
    const variable = lambdaVariables.at(-1);
    if (variable !== undefined && segments[0] === variable) return segments.slice(1).join("/");
    return segments.join("/");
  }

  function literal(): FilterLiteral {
    const token = peek();
    if (!token) throw syntax("expected a value at the end.");
    pos++;
    switch (token.t) {
      case "string":
        return token.v;
      case "number":
        return token.v;
      case "guid":
        return { guid: token.v };
      case "dateTime":
        return { dateTime: new Date(token.v).toISOString() };
      case "ident": {
        const word = token.v.toLowerCase();
        if (word === "true") return true;
        if (word === "false") return false;
        if (word === "null") return null;
        throw syntax(`'${token.v}' at position ${token.at} is not a value (strings take single quotes).`);
      }
      default:
        throw syntax(`expected a value at position ${token.at}.`);
    }
  }

  function primary(depth: number): FilterExpression {
    if (depth > MAX_DEPTH) throw graphErrors.badRequest("$filter is nested too deeply.");
    if (isPunct("(")) {
      pos++;
      const inner = or(depth + 1);
      expectPunct(")");
      return inner;
    }
    const token = peek();
    if (token?.t === "ident" && FUNCTIONS[token.v.toLowerCase()] && isPunct("(", tokens[pos + 1])) {
      pos += 2;
      const property = path();
      expectPunct(",");
      const value = literal();
      if (typeof value !== "string") throw syntax(`${token.v} takes a string.`);
      expectPunct(")");
      return { kind: "function", name: FUNCTIONS[token.v.toLowerCase()]!, property, value };
    }
    const property = path();
    if (isPunct("/") && (isWord("any", tokens[pos + 1]) || isWord("all", tokens[pos + 1]))) {
      if (isWord("all", tokens[pos + 1])) throw graphErrors.unsupportedQuery("The 'all' lambda operator is not supported.");
      pos += 2;
      expectPunct("(");
      if (isPunct(")")) {
        pos++;
        return { kind: "any", property, body: null };
      }
      const variable = peek();
      if (variable?.t !== "ident") throw syntax(`expected a lambda variable ${where()}.`);
      pos++;
      expectPunct(":");
      lambdaVariables.push(variable.v);
      const body = or(depth + 1);
      lambdaVariables.pop();
      expectPunct(")");
      return { kind: "any", property, body };
    }
    const op = peek();
    if (op?.t === "ident" && COMPARE.has(op.v.toLowerCase())) {
      pos++;
      return { kind: "compare", op: op.v.toLowerCase() as "eq", property, value: literal() };
    }
    if (isWord("in")) {
      pos++;
      expectPunct("(");
      const values = [literal()];
      while (isPunct(",")) {
        pos++;
        values.push(literal());
      }
      expectPunct(")");
      return { kind: "in", property, values };
    }
    throw syntax(`expected an operator after '${property}' ${where()}.`);
  }

  function not(depth: number): FilterExpression {
    if (isWord("not")) {
      pos++;
      return { kind: "not", operand: not(depth + 1) };
    }
    return primary(depth);
  }

  function and(depth: number): FilterExpression {
    let left = not(depth);
    while (isWord("and")) {
      pos++;
      left = { kind: "and", left, right: not(depth) };
    }
    return left;
  }

  function or(depth: number): FilterExpression {
    let left = and(depth);
    while (isWord("or")) {
      pos++;
      left = { kind: "or", left, right: and(depth) };
    }
    return left;
  }

  if (tokens.length === 0) throw syntax("it is empty.");
  const expression = or(0);
  if (pos < tokens.length) throw syntax(`unexpected '${String(tokens[pos]!.v)}' at position ${tokens[pos]!.at}.`);
  return expression;
}

/** Every property path an expression names (lambda bodies as `collection/item`), for "unsupported property" checks. */
export function filterProperties(expression: FilterExpression): string[] {
  switch (expression.kind) {
    case "and":
    case "or":
      return [...filterProperties(expression.left), ...filterProperties(expression.right)];
    case "not":
      return filterProperties(expression.operand);
    case "any":
      return [
        expression.property,
        ...(expression.body ? filterProperties(expression.body).map((p) => `${expression.property}/${p}`) : []),
      ];
    default:
      return [expression.property];
  }
}
