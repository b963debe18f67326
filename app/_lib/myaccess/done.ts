/** The outcomes a My Access page confirms (`?done=…`): only these words, nothing else from the query. */
export const DONE = ["requested", "delivered", "canceled", "extended", "removed"] as const;
export type Done = (typeof DONE)[number];

export const doneOf = (value: unknown): Done | null => DONE.find((known) => known === value) ?? null;
