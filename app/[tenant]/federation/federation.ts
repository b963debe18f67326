import { secretFromEnvironment } from "../../_lib/env";
import { createFederation, type Federation } from "../../_lib/federation";
import { settings, tenants } from "../../_lib/server";

/**
 * Interim wiring of the federation service, until app/_lib/server.ts (the composition root) exposes
 * `federation()` itself; then this file goes and its importers import from server.ts. Kept on
 * globalThis for the same reason as the other services: `next dev` reloads modules.
 */
const holder = globalThis as typeof globalThis & { __guestgateFederation?: Federation };

export function federation(): Federation {
  return (holder.__guestgateFederation ??= createFederation({
    baseUrl: settings().GUESTGATE_BASE_URL,
    authSecret: settings().AUTH_SECRET,
    tenants: tenants(),
    secretFromEnvironment,
  }));
}
