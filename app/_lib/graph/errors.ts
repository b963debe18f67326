/**
 * Graph's error codes, as Microsoft Graph clients match on them (shared contract §0.4). A route
 * throws a GraphError; the API turns it into `{"error":{"code","message","innerError"}}` with the
 * request ids. Anything else a route throws is a bug: 500 `generalException`, logged with the id.
 */
export type GraphErrorCode =
  | "Request_BadRequest"
  | "Request_UnsupportedQuery"
  | "Request_ResourceNotFound"
  | "Authorization_RequestDenied"
  | "InvalidAuthenticationToken"
  | "UnprocessableEntity"
  | "TooManyRequests"
  | "NotImplemented"
  | "PreconditionFailed"
  | "Conflict"
  | "generalException";

export interface GraphErrorDetail {
  code: string;
  target?: string;
  message: string;
}

export class GraphError extends Error {
  override readonly name = "GraphError";
  constructor(
    readonly status: number,
    readonly code: GraphErrorCode,
    message: string,
    readonly options: { details?: GraphErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export const isGraphError = (error: unknown): error is GraphError => error instanceof GraphError;

/** The messages clients are known to match on, reused word for word. */
export const graphErrors = {
  badRequest: (message: string, details?: GraphErrorDetail[]) =>
    new GraphError(400, "Request_BadRequest", message, details ? { details } : {}),
  unsupportedQuery: (message: string) => new GraphError(400, "Request_UnsupportedQuery", message),
  invalidId: (value: string) => new GraphError(400, "Request_BadRequest", `Invalid object identifier '${value}'.`),
  notFound: (id: string) =>
    new GraphError(
      404,
      "Request_ResourceNotFound",
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  denied: () => new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
  conflict: (property: string) =>
    new GraphError(400, "Request_BadRequest", `Another object with the same value for property ${property} already exists.`),
  methodNotAllowed: () =>
    new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target."),
  notImplemented: (what: string) => new GraphError(501, "NotImplemented", `${what} is not implemented by Guestgate.`),
  failedDependency: (id: string) =>
    new GraphError(424, "Request_BadRequest", `Batch request '${id}' was not run: a request it depends on failed.`),
  preconditionFailed: () =>
    new GraphError(412, "PreconditionFailed", "The resource has changed since the given If-Match value (ETag) was read."),
};

/** The body Graph sends for an error; `innerError.date` has no zone suffix (contract §0.4). */
export function graphErrorBody(error: GraphError, ids: { requestId: string; clientRequestId: string }, now: Date) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.options.details ? { details: error.options.details } : {}),
      innerError: {
        date: now.toISOString().slice(0, 19),
        "request-id": ids.requestId,
        "client-request-id": ids.clientRequestId,
      },
    },
  };
}
