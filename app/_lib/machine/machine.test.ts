import { describe, expect, it } from "vitest";
import { defineMachine, ForbiddenTransition, isForbiddenTransition } from "./machine";
import { drawnTransitions, tableTransitions } from "./diagram";

const door = defineMachine({
  name: "a door",
  states: ["open", "closed", "locked", "removed"],
  terminal: ["removed"],
  transitions: {
    close: { from: ["open"], to: "closed" },
    open: { from: ["closed"], to: "open" },
    lock: { from: ["closed"], to: "locked" },
    remove: { from: ["open", "closed"], to: "removed" },
  },
});

describe("defineMachine", () => {
  it("moves only along the table", () => {
    expect(door.transition("open", { type: "close" })).toBe("closed");
    expect(door.transition("closed", { type: "lock" })).toBe("locked");
    expect(() => door.transition("open", { type: "lock" })).toThrow(ForbiddenTransition);
    expect(() => door.transition("removed", { type: "open" })).toThrow(/a door in state "removed" cannot take the event "open"/);
  });

  it("refuses events it does not know, inherited object keys included", () => {
    for (const type of ["kick", "toString", "__proto__", "constructor"]) {
      let thrown: unknown;
      try {
        door.transition("open", { type });
      } catch (error) {
        thrown = error;
      }
      expect(isForbiddenTransition(thrown), type).toBe(true);
    }
  });

  it("knows its states and terminal states", () => {
    expect(door.isState("locked")).toBe(true);
    expect(door.isState("ajar")).toBe(false);
    expect(door.isState(3)).toBe(false);
    expect(door.isTerminal("removed")).toBe(true);
    expect(door.isTerminal("locked")).toBe(false);
    expect(door.events).toEqual(["close", "open", "lock", "remove"]);
  });

  it("rejects a table naming an unknown state or leaving a terminal one", () => {
    expect(() =>
      defineMachine({ name: "x", states: ["a"], terminal: [], transitions: { go: { from: ["a"], to: "b" as "a" } } }),
    ).toThrow(/unknown state "b"/);
    expect(() =>
      defineMachine({ name: "x", states: ["a", "z"], terminal: ["z"], transitions: { go: { from: ["z"], to: "a" } } }),
    ).toThrow(/leaves the terminal state "z"/);
  });
});

describe("diagram parity helpers", () => {
  it("reads multi-event labels and remarks, and lists the table the same way", () => {
    const drawn = drawnTransitions(
      [
        "stateDiagram-v2",
        "  [*] --> open",
        "  open --> closed: close",
        "  closed --> open: open (again)",
        "  closed --> locked: lock",
        "  open --> removed: remove",
        "  closed --> removed: remove",
        "  removed --> [*]",
      ].join("\n"),
    );
    expect(drawn).toEqual(tableTransitions(door));
    expect(drawnTransitions("  a --> b: x / y")).toEqual(new Set(["a/x>b", "a/y>b"]));
  });
});
