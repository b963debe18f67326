import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { enterRequestContext, newRequestId } from "./request-context";

export const REQUEST_ID_HEADER = "x-request-id";

const CHANNEL = "http.server.request.start";
const KEY = Symbol.for("guestgate.log.requestIdsTagged");
const holder = globalThis as typeof globalThis & { [KEY]?: boolean };

interface RequestStart {
  request: IncomingMessage;
  response: ServerResponse;
}

/**
 * Gives every HTTP request this process serves a fresh request id, before any of Next's code runs
 * for it: Node publishes `http.server.request.start` synchronously just before it emits the
 * server's `request` event, so entering the context here makes it current for the proxy, the route
 * handler or page render, and `onRequestError` of that request — they all run in async work that
 * request started. (Next offers no public hook that wraps a whole request; a page cannot wrap its
 * own render, and the proxy's async context ends when it returns.) The id also goes back as
 * `X-Request-Id`, so a person or an operator can quote it. Ids a client sends are not trusted.
 * The socket's peer address is kept beside it: Next gives route handlers no socket, and the client
 * address of rate limits must not come from headers a client wrote (http/client-address.ts).
 * Idempotent: `next dev` may load the instrumentation more than once.
 */
export function tagIncomingRequests(): void {
  if (holder[KEY]) return;
  holder[KEY] = true;
  subscribe(CHANNEL, (message) => {
    const { request, response } = message as RequestStart;
    const requestId = newRequestId();
    enterRequestContext({ requestId, peerAddress: request.socket?.remoteAddress });
    if (!response.headersSent) response.setHeader(REQUEST_ID_HEADER, requestId);
  });
}
