import type { GraphMethod, GraphRoute } from "./context";

interface CompiledRoute<S> {
  route: GraphRoute<S>;
  pattern: RegExp;
  names: string[];
}

export type RouteMatch<S> =
  | { kind: "found"; route: GraphRoute<S>; params: Record<string, string> }
  | { kind: "methodNotAllowed"; allowed: GraphMethod[] }
  | { kind: "none" };

/**
 * Path templates (`users/{id}/appRoleAssignments`, `applications(appId='{appId}')`) matched
 * segment-wise and case-insensitively, as Graph treats its paths; a parameter never spans a `/`.
 * When several templates match, the one with fewer parameters wins (`users/$count` over `users/{id}`).
 */
export function createRouter<S>(routes: readonly GraphRoute<S>[]) {
  const compiled: CompiledRoute<S>[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split(/(\{[A-Za-z]+\})/)
      .map((part) => {
        const param = /^\{([A-Za-z]+)\}$/.exec(part);
        if (param) {
          names.push(param[1]!);
          return "([^/]+)";
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    return { route, pattern: new RegExp(`^${source}$`, "i"), names };
  });

  return {
    /** `path` is relative to the version root, still percent-encoded, without leading or trailing slash. */
    match(method: GraphMethod, path: string): RouteMatch<S> {
      let best: { entry: CompiledRoute<S>; values: string[] } | undefined;
      const allowed = new Set<GraphMethod>();
      for (const entry of compiled) {
        const found = entry.pattern.exec(path);
        if (!found) continue;
        if (entry.route.method !== method) {
          allowed.add(entry.route.method);
          continue;
        }
        if (!best || entry.names.length < best.entry.names.length) best = { entry, values: found.slice(1) };
      }
      if (!best) return allowed.size ? { kind: "methodNotAllowed", allowed: [...allowed] } : { kind: "none" };
      const params: Record<string, string> = {};
      best.entry.names.forEach((name, index) => {
        params[name] = safeDecode(best.values[index]!);
      });
      return { kind: "found", route: best.entry.route, params };
    },
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
