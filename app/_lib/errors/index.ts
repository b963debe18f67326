export { ConfigError, formatPath } from "./config-error";
