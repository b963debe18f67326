import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * How `npm start`'s server (app/_server/main.ts) gets the front from Next's own bundle: the
 * instrumentation hook (startup.ts) builds it over the registry the route handlers use and leaves
 * it here, on globalThis. The server then imports nothing of the application, so it needs no bundle
 * of the app of its own, and the front calls the very endpoint functions the routes call.
 */
export type Front = (request: IncomingMessage, response: ServerResponse) => boolean;

export const FRONT_KEY = Symbol.for("guestgate.front");

interface Slot {
  front?: Front;
  waiting: ((front: Front) => void)[];
}

const holder = globalThis as typeof globalThis & { [FRONT_KEY]?: Slot };
// Each bundle has its own copy of this module; the first one to run makes the slot they all share.
const slot = (holder[FRONT_KEY] ??= { waiting: [] });

export function publishFront(front: Front): void {
  slot.front = front;
  for (const resolve of slot.waiting.splice(0)) resolve(front);
}

/**
 * The front once the instrumentation hook has published it. Next's `prepare()` resolves before the
 * hook has run (it finishes in the background), so the server waits for this before it listens.
 */
export function frontPublished(timeoutMs: number): Promise<Front> {
  if (slot.front) return Promise.resolve(slot.front);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the instrumentation hook published no front within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    timer.unref();
    slot.waiting.push((front) => {
      clearTimeout(timer);
      resolve(front);
    });
  });
}
