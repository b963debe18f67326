import { describe, expect, it } from "vitest";
import { createLogger, type LogLevel } from "./logger";
import { REDACTED } from "./redact";
import { runWithRequestContext, requestContext } from "./request-context";

function recorder(level: LogLevel) {
  const lines: { level: LogLevel; entry: Record<string, unknown>; raw: string }[] = [];
  const log = createLogger({
    level,
    write: (raw, lineLevel) => lines.push({ level: lineLevel, entry: JSON.parse(raw), raw }),
    context: requestContext,
    now: () => new Date("2026-12-01T12:00:00.000Z"),
  });
  return { log, lines };
}

describe("levels (LOG_LEVEL)", () => {
  it.each([
    ["debug", ["debug", "info", "warn", "error"]],
    ["info", ["info", "warn", "error"]],
    ["warn", ["warn", "error"]],
    ["error", ["error"]],
  ] as const)("at %s writes %j", (level, written) => {
    const { log, lines } = recorder(level);
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");
    expect(lines.map((line) => line.level)).toEqual(written);
    expect(lines.map((line) => line.entry.level)).toEqual(written);
    expect(log.enabled("debug")).toBe(level === "debug");
  });

  it("writes one JSON object per line: time, level and msg first, then the fields", () => {
    const { log, lines } = recorder("info");
    log.info("journey started", { tenant: "woodgrove", step: 2 });
    expect(lines[0]!.raw).not.toContain("\n");
    expect(Object.keys(lines[0]!.entry)).toEqual(["time", "level", "msg", "tenant", "step"]);
    expect(lines[0]!.entry).toEqual({
      time: "2026-12-01T12:00:00.000Z",
      level: "info",
      msg: "journey started",
      tenant: "woodgrove",
      step: 2,
    });
  });

  it("goes to stdout below warn and to stderr from warn up, by default", () => {
    const written: string[] = [];
    const [out, err] = [process.stdout.write, process.stderr.write];
    // Only this test's lines: the test runner may write to the same streams meanwhile.
    const capture = (stream: string) =>
      ((chunk: string) =>
        (chunk.includes('"msg":"') && written.push(`${stream} ${chunk}`)) || true) as typeof process.stdout.write;
    process.stdout.write = capture("out");
    process.stderr.write = capture("err");
    try {
      const log = createLogger({ level: "info" });
      log.info("a");
      log.warn("b");
      log.error("c");
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    expect(written.map((line) => `${line.slice(0, 3)} ${JSON.parse(line.slice(4)).msg}`)).toEqual(["out a", "err b", "err c"]);
    expect(written.every((line) => line.endsWith("}\n"))).toBe(true);
  });
});

describe("fields", () => {
  it("writes an Error with name, message, stack, code and cause", () => {
    const { log, lines } = recorder("info");
    const cause = Object.assign(new Error("SQLITE_ERROR: no such table: journey"), { code: "SQLITE_ERROR" });
    log.error("unexpected failure", { err: new TypeError("boom", { cause }) });
    const err = lines[0]!.entry.err as Record<string, unknown>;
    expect(err).toMatchObject({ name: "TypeError", message: "boom", cause: { message: cause.message, code: "SQLITE_ERROR" } });
    expect(String(err.stack)).toContain("logger.test.ts");
  });

  it("adds a child's bindings to every line, and a line's fields win over them", () => {
    const { log, lines } = recorder("info");
    const mail = log.child({ module: "mail", tenant: "woodgrove" });
    mail.info("sent", { tenant: "sparbanken" });
    expect(lines[0]!.entry).toMatchObject({ module: "mail", tenant: "sparbanken", msg: "sent" });
  });

  it("never lets a field overwrite time, level or msg", () => {
    const { log, lines } = recorder("info");
    log.info("real", { level: "error", msg: "forged", time: "yesterday" });
    expect(lines[0]!.entry).toMatchObject({ level: "info", msg: "real", time: "2026-12-01T12:00:00.000Z" });
  });

  it("survives values JSON cannot write (cycles, bigints) without throwing", () => {
    const { log, lines } = recorder("info");
    const cyclic: Record<string, unknown> = { name: "a" };
    cyclic.self = cyclic;
    expect(() => log.info("odd", { cyclic, big: 10n })).not.toThrow();
    expect(lines[0]!.entry).toMatchObject({ cyclic: { name: "a", self: "[circular]" }, big: "10" });
  });
});

describe("request id", () => {
  it("is on every line written while a request is handled, across awaits, and on none outside", async () => {
    const { log, lines } = recorder("debug");
    log.info("before");
    await runWithRequestContext({ requestId: "req-1" }, async () => {
      log.info("start");
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.child({ module: "mail" }).warn("later");
    });
    log.info("after");
    expect(lines.map((line) => [line.entry.msg, line.entry.requestId])).toEqual([
      ["before", undefined],
      ["start", "req-1"],
      ["later", "req-1"],
      ["after", undefined],
    ]);
  });

  it("keeps concurrent requests apart", async () => {
    const { log, lines } = recorder("info");
    const handle = (id: string, delay: number) =>
      runWithRequestContext({ requestId: id }, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        log.info(`done ${id}`);
      });
    await Promise.all([handle("a", 15), handle("b", 1), handle("c", 8)]);
    const seen = lines.map((line) => [line.entry.msg, line.entry.requestId]);
    expect(seen.sort()).toEqual([
      ["done a", "a"],
      ["done b", "b"],
      ["done c", "c"],
    ]);
  });
});

describe("redaction on the way out", () => {
  it("replaces secrets, passcodes, tokens and cookies at any depth, and scrubs the message", () => {
    const { log, lines } = recorder("info");
    log.info("token endpoint called with Bearer abc.def-ghi", {
      passcode: "042917",
      request: {
        headers: { cookie: "gg_journey=xyz", authorization: "Basic dXNlcjpwdw==", "user-agent": "Firefox" },
        body: { client_secret: "s3cret", refresh_token: "rt", grant_type: "refresh_token" },
      },
      smtp: "smtps://mailer:pw@mail.example.com:465",
    });
    const { raw, entry } = lines[0]!;
    for (const secret of ["042917", "gg_journey=xyz", "dXNlcjpwdw", "s3cret", '"rt"', "abc.def-ghi", ":pw@"]) {
      expect(raw).not.toContain(secret);
    }
    expect(entry).toMatchObject({
      msg: `token endpoint called with Bearer ${REDACTED}`,
      passcode: REDACTED,
      request: {
        headers: { cookie: REDACTED, authorization: REDACTED, "user-agent": "Firefox" },
        body: { client_secret: REDACTED, refresh_token: REDACTED, grant_type: "refresh_token" },
      },
      smtp: `smtps://${REDACTED}@mail.example.com:465`,
    });
  });

  it("redacts inside an Error's message too (a JWT quoted by a library)", () => {
    const { log, lines } = recorder("info");
    const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJlLXZhbHVl";
    log.error("failed", { err: new Error(`could not verify ${jwt}`) });
    expect(lines[0]!.raw).not.toContain(jwt);
    expect((lines[0]!.entry.err as { message: string }).message).toBe(`could not verify ${REDACTED}`);
  });
});
