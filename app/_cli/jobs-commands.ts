import { parseArgs } from "node:util";
import { ConfigError } from "../_lib/errors";
import type { JobOutcome } from "../_lib/jobs";
import { closeServices, services } from "../_lib/server";

/**
 * `jobs …`: background jobs from the command line, for a cron instead of (or beside) the server's
 * own scheduler. The same leases apply, so a cron and running servers never run a job twice.
 */
type Command = { summary: string; run(args: string[]): Promise<number | void> };

const USAGE = `jobs run [--job NAME...] [--force]
  jobs list`;

const usage = (text: string) => new ConfigError("the command line", [text]);

function describe(outcome: JobOutcome): string {
  switch (outcome.status) {
    case "ran": {
      const counts = Object.entries(outcome.result).map(([kind, count]) => `${count} ${kind}`);
      return `ran in ${outcome.ms} ms: deleted ${counts.join(", ") || "nothing"}`;
    }
    case "failed":
      return `FAILED: ${outcome.error}`;
    case "skipped":
      return "skipped: not due yet, or running elsewhere";
  }
}

async function jobsCommand(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  let values: { job?: string[]; force?: boolean };
  try {
    values = parseArgs({
      args: rest,
      options: { job: { type: "string", multiple: true }, force: { type: "boolean" } },
      strict: true,
    }).values;
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { registry, runner, leases, holder } = services().jobs;
  try {
    if (sub === "run") {
      for (const name of values.job ?? [])
        if (!registry.find(name)) throw new ConfigError("--job", [`no job "${name}" (npm run guestgate -- jobs list)`]);
      const outcomes = await runner.runDue({ only: values.job, force: values.force });
      console.log(`jobs run as ${holder}`);
      for (const outcome of outcomes) console.log(`${outcome.name.padEnd(28)} ${describe(outcome)}`);
      // a cron notices: the others still ran
      if (outcomes.some((o) => o.status === "failed")) return 1;
    } else if (sub === "list") {
      const rows = new Map((await leases.list()).map((row) => [row.name, row]));
      for (const job of registry.list()) {
        const row = rows.get(job.name);
        console.log(`${job.name.padEnd(28)} every ${job.everySeconds} s: ${job.summary}`);
        console.log(
          row?.lastRunAt
            ? `    last run ${row.lastRunAt.toISOString()} on ${row.holder}: ${row.lastOutcome} ${JSON.stringify(row.lastResult ?? {})} (${row.runs} run(s))`
            : "    never ran",
        );
      }
    } else {
      throw usage(USAGE);
    }
  } finally {
    await closeServices();
  }
}

export const jobsCommands: Record<string, Command> = {
  jobs: { summary: "background jobs: jobs run [--job NAME...] [--force] | jobs list", run: jobsCommand },
};
