/**
 * A status machine as data: which event moves a record from which state to which. Journeys use it
 * for their kinds; invitations and access packages will use it for their lifecycles. A leaf
 * module: it imports nothing, so any module may import it.
 *
 * Steps (or verbs) decide events, the table alone decides states: a forged or replayed request can
 * never move a record somewhere the table does not allow.
 */
export interface MachineDefinition<S extends string, E extends string> {
  /** For messages: "the sign-up journey", "an invitation". */
  readonly name: string;
  readonly states: readonly S[];
  /** States nothing leaves. */
  readonly terminal: readonly S[];
  /** Per event: the states it may leave and the state it leads to. An event not listed is forbidden everywhere. */
  readonly transitions: Readonly<Partial<Record<E, { readonly from: readonly S[]; readonly to: S }>>>;
}

export interface Machine<S extends string, E extends string> extends MachineDefinition<S, E> {
  /** The events this machine knows (the keys of its table). */
  readonly events: readonly E[];
  /** The next state, or ForbiddenTransition. Pure: the caller stores the result. */
  transition(state: S, event: { readonly type: string }): S;
  isTerminal(state: S): boolean;
  isState(value: unknown): value is S;
}

export class ForbiddenTransition extends Error {
  override readonly name = "ForbiddenTransition";
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly event: string,
  ) {
    super(`${machine} in state "${state}" cannot take the event "${event}"`);
  }
}

/** Checks the table once (every state named exists, terminal states lead nowhere) and returns the machine. */
export function defineMachine<S extends string, E extends string>(definition: MachineDefinition<S, E>): Machine<S, E> {
  const known = new Set<string>(definition.states);
  const table = definition.transitions as Partial<Record<string, { from: readonly S[]; to: S }>>;
  for (const [event, rule] of Object.entries(table)) {
    if (!rule) continue;
    for (const state of [...rule.from, rule.to]) {
      if (!known.has(state)) throw new Error(`${definition.name}: event "${event}" names the unknown state "${state}"`);
    }
    const leavesTerminal = rule.from.find((state) => definition.terminal.includes(state));
    if (leavesTerminal) throw new Error(`${definition.name}: event "${event}" leaves the terminal state "${leavesTerminal}"`);
  }
  return {
    ...definition,
    events: Object.keys(table).filter((event) => table[event]) as E[],
    transition(state, event) {
      const rule = Object.hasOwn(table, event.type) ? table[event.type] : undefined;
      if (!rule || !rule.from.includes(state)) throw new ForbiddenTransition(definition.name, state, event.type);
      return rule.to;
    },
    isTerminal: (state) => definition.terminal.includes(state),
    isState: (value): value is S => typeof value === "string" && known.has(value),
  };
}

export function isForbiddenTransition(error: unknown): error is ForbiddenTransition {
  return error instanceof Error && error.name === "ForbiddenTransition";
}
