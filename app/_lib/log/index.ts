// A leaf module: no framework, no other module of app/_lib. Domain modules may take its Logger as a port.
export { createLogger, LOG_LEVELS, type Logger, type LogFields, type LogLevel } from "./logger";
export { redact, redactString, isSensitiveKey, REDACTED } from "./redact";
export { errorFields, type ErrorFields } from "./error-fields";
export {
  requestContext,
  logContext,
  runWithRequestContext,
  newRequestId,
  newErrorReference,
  isWellFormedReference,
  type RequestContext,
} from "./request-context";
export { tagIncomingRequests, REQUEST_ID_HEADER } from "./request-ids";
export { logRequestError, type RequestErrorInfo, type RequestErrorContext } from "./request-error";
