import { demoEnabled } from "../../../_lib/env";
import { createOutbox, type Outbox } from "../../../_lib/mail";
import { isLoopbackClient, mailer, outboxDirectory, settings } from "../../../_lib/server";

/** How many messages the page lists. */
export const OUTBOX_PAGE_SIZE = 50;

/**
 * The development outbox, when this deployment keeps its mail there (no SMTP_URL) and the demo
 * tools are on (outside production, or GUESTGATE_DEMO=true); otherwise undefined and the page is a
 * 404. It shows live passcodes, so a real production deployment never serves it, and even a
 * demo serves it only to a browser on the same machine (`isLoopbackClient`).
 */
export function developmentOutbox(requestHeaders: Headers): Outbox | undefined {
  const current = settings();
  if (!demoEnabled(current) || mailer().via !== "outbox" || !isLoopbackClient(requestHeaders)) return undefined;
  return createOutbox({ dir: outboxDirectory() });
}

/** Outbox message ids are random UUIDs. */
export const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
