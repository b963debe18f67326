import type { FunnelJourney, FunnelMark, FunnelRecorder, FunnelStore } from "./types";

/** The UTC calendar day of an instant, as the funnel groups by it. */
export function funnelDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Turns the engine's marks into store changes. The key is a hash of the journey id, so a funnel
 * row cannot be read back to the journey (and the identity it held) once that row is purged.
 */
export function createFunnelRecorder(ports: { store: FunnelStore; sha256(value: string): string }): FunnelRecorder {
  const { store } = ports;
  return {
    async record(journey: FunnelJourney, marks: readonly FunnelMark[]) {
      const key = ports.sha256(`funnel:${journey.id}`);
      for (const mark of marks) await apply(journey, key, mark);
    },
  };

  function apply(journey: FunnelJourney, key: string, mark: FunnelMark): Promise<void> {
    const tenant = journey.tenantId;
    switch (mark.step) {
      case "started":
        return store.start({
          tenantId: tenant,
          journeyKey: key,
          day: funnelDay(journey.createdAt),
          flowName: journey.flowId,
          locale: journey.locale,
          expiresAt: journey.expiresAt,
        });
      case "providerChosen":
        return store.choose(tenant, key, mark.provider);
      case "identityProven":
        return store.reach(tenant, key, { identityProven: true, provider: mark.provider });
      case "attributesSubmitted":
        return store.reach(tenant, key, { attributesSubmitted: true });
      case "ended":
        return store.end(tenant, key, mark.outcome);
    }
  }
}
