import { errorFields } from "./error-fields";
import { redact, redactString } from "./redact";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured fields of a line. An Error under any key is written with its name, message, stack and cause. */
export type LogFields = Record<string, unknown>;

/**
 * The logging port: domain modules take one of these as a dependency and never write to the
 * console themselves (docs/ARCHITECTURE.md, "Layers").
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (a module's name, a tenant). */
  child(bindings: LogFields): Logger;
  enabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  /** Lines below this level are dropped (LOG_LEVEL). */
  level: LogLevel;
  /** Where a finished line goes; by default stdout for debug and info, stderr for warn and error. */
  write?: (line: string, level: LogLevel) => void;
  /** Fields of the moment, read when a line is written: the request being handled (request-context.ts). */
  context?: () => LogFields | undefined;
  bindings?: LogFields;
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Keys a line always has first and a field cannot overwrite. */
const RESERVED = new Set(["time", "level", "msg"]);

/**
 * JSON lines (one object per line: `time`, `level`, `msg`, then the request id and fields), the
 * format log collectors parse without configuration. Everything passes through redact() on its way
 * out. Writing never throws: a log line must not turn a handled request into a failed one.
 */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? writeToStandardStreams;
  const now = options.now ?? (() => new Date());
  const threshold = RANK[options.level];

  function line(level: LogLevel, message: string, fields: LogFields | undefined, bindings: LogFields): void {
    if (RANK[level] < threshold) return;
    try {
      const merged: LogFields = { ...options.context?.(), ...bindings, ...fields };
      const entry: LogFields = { time: now().toISOString(), level, msg: redactString(message) };
      for (const [key, value] of Object.entries(merged)) {
        if (RESERVED.has(key) || value === undefined) continue;
        entry[key] = value instanceof Error ? errorFields(value) : value;
      }
      write(JSON.stringify(redact(entry)), level);
    } catch (error) {
      write(JSON.stringify({ time: now().toISOString(), level, msg: redactString(message), logError: String(error) }), level);
    }
  }

  function make(bindings: LogFields): Logger {
    return {
      debug: (message, fields) => line("debug", message, fields, bindings),
      info: (message, fields) => line("info", message, fields, bindings),
      warn: (message, fields) => line("warn", message, fields, bindings),
      error: (message, fields) => line("error", message, fields, bindings),
      child: (more) => make({ ...bindings, ...more }),
      enabled: (level) => RANK[level] >= threshold,
    };
  }

  return make(options.bindings ?? {});
}

function writeToStandardStreams(line: string, level: LogLevel): void {
  (RANK[level] >= RANK.warn ? process.stderr : process.stdout).write(`${line}\n`);
}
