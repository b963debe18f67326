import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * How `npm start`'s server (app/_server/main.ts) gets the front from Next's own bundle: the
 * instrumentation hook (startup.ts) builds it over the registry the route handlers use and leaves
 * it here, on globalThis. The server then imports nothing of the application, so it needs no bundle
 * of the app of its own, and the front calls the very endpoint functions the routes call.
 */
export type Front = (request: IncomingMessage, response: ServerResponse) => boolean;

export const FRONT_KEY = Symbol.for("guestgate.front");

const holder = globalThis as typeof globalThis & { [FRONT_KEY]?: Front };

export function publishFront(front: Front): void {
  holder[FRONT_KEY] = front;
}

/** The front the instrumentation hook published in this process, if it ran. */
export function publishedFront(): Front | undefined {
  return holder[FRONT_KEY];
}
