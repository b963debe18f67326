import { describe, expect, it } from "vitest";
import { cachingListeners } from "./cached-store";
import type { CustomExtensionStore, EventListenerRow } from "./types";

/** A store that counts reads of listeners and holds what was written. */
function countingStore() {
  const rows: EventListenerRow[] = [];
  let reads = 0;
  const store: CustomExtensionStore = {
    list: async () => [],
    get: async () => null,
    listener: async () => null,
    listeners: async () => (reads++, rows.map((row) => ({ ...row }))),
    transaction: async (work) =>
      work({
        create: async () => {
          throw new Error("not here");
        },
        update: async () => {
          throw new Error("not here");
        },
        remove: async () => {},
        async createListener(tenantId, id, fields) {
          const row = {
            id,
            tenantId,
            eventType: "onTokenIssuanceStart" as const,
            ...fields,
            createdAt: new Date(),
            updatedAt: new Date(),
          };
          rows.push(row);
          return row;
        },
        updateListener: async () => rows[0]!,
        removeListener: async () => {},
        audit: { append: async () => {} },
      }),
  };
  return { store, reads: () => reads };
}

describe("the token endpoint's copy of a tenant's listeners", () => {
  it("is read once within the bound, again after it, and at once after a write through it", async () => {
    let now = new Date("2026-12-03T10:00:00Z");
    const inner = countingStore();
    const store = cachingListeners(inner.store, { ttlSeconds: 5, clock: { now: () => now } });
    expect(await store.listeners("woodgrove")).toEqual([]);
    await store.listeners("woodgrove");
    expect(inner.reads()).toBe(1);
    await store.transaction((unit) => unit.createListener("woodgrove", "l1", { extensionId: "e1", appIds: ["app"] }));
    expect((await store.listeners("woodgrove")).map((l) => l.id)).toEqual(["l1"]);
    expect(inner.reads()).toBe(2);
    now = new Date(now.getTime() + 6000);
    await store.listeners("woodgrove");
    expect(inner.reads()).toBe(3);
  });
});
