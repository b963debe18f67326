import type { Machine } from "./machine";

/**
 * The transitions a mermaid `stateDiagram-v2` draws, as "from/event>to". A label may name several
 * events ("restart / upstreamFailed") and a remark in parentheses ("codeSent (resend)"). Used by
 * each machine's parity test: the drawing beside the table must show exactly the table.
 */
export function drawnTransitions(diagram: string): Set<string> {
  return new Set(
    [...diagram.matchAll(/^\s*(\w+) --> (\w+): ([\w /()]+)$/gm)].flatMap(([, from, to, label]) =>
      label!.split(" / ").map((event) => `${from}/${event.replace(/ \(.*\)$/, "").trim()}>${to}`),
    ),
  );
}

/** The same "from/event>to" set, from the table. */
export function tableTransitions<S extends string, E extends string>(machine: Machine<S, E>): Set<string> {
  const pairs = new Set<string>();
  for (const event of machine.events) {
    const rule = machine.transitions[event]!;
    for (const from of rule.from) pairs.add(`${from}/${event}>${rule.to}`);
  }
  return pairs;
}
