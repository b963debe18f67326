// An operator's change to one flow of an application's flows file, through the CLI against the
// test database, as the browser tests that reconfigure a flow need it (terms, approval).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, inject } from "vitest";
import { afterConfigCaches, guestgateCli, type TestApplication } from "./applications";

/**
 * Imports `app`'s flows file with flow `flowName` changed by `change` (the file as shipped when
 * absent), then waits until the running server reads the change (afterConfigCaches).
 */
export async function importFlowChange(
  app: TestApplication,
  flowName: string,
  change?: (flow: Record<string, unknown>) => void,
): Promise<void> {
  const file = JSON.parse(await readFile(app.flowFile, "utf8")) as { userFlows: Record<string, unknown>[] };
  if (change) change(file.userFlows.find((flow) => flow.name === flowName)!);
  const dir = await mkdtemp(path.join(os.tmpdir(), "guestgate-e2e-flows-"));
  try {
    await writeFile(path.join(dir, "flows.json"), JSON.stringify(file, null, 2));
    const env = { ...process.env, ...inject("cliEnv") };
    expect(
      await guestgateCli(["userflows", "import", `--tenant=${app.tenant}`, `--file=${path.join(dir, "flows.json")}`], env),
    ).toMatch(new RegExp(`${flowName}\\s+updated`));
    await afterConfigCaches();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
