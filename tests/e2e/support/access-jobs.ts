// The access-package lifecycle job (app/_lib/access/lifecycle-job.ts) run from the test process
// against a server's database with the clock moved, as the server's scheduler composes it
// (app/_lib/server.ts entitlementServiceOver): its mails go through SMTP to the suite's capture in
// the reader's language, and blocking and deleting go through the directory service, audited
// there. Days can then pass in a test without waiting for them.
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createEntitlementService, entitlementLifecycleJob, externalUsersThroughDirectory } from "../../../app/_lib/access";
import { createDirectoryStore, createEntitlementStore, type PrismaClient } from "../../../app/_lib/db";
import { createDirectoryService } from "../../../app/_lib/directory";
import { createAccessPackageMailer, createMailer, mailTranslator } from "../../../app/_lib/mail";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";

export interface LifecycleJobRunner {
  /** One run of the job as if it were `now`; what it did, by kind (denied, expired, reminded, blocked, deleted…). */
  runAt(now: Date): Promise<Record<string, number>>;
}

const quiet = { info: () => undefined, warn: () => undefined };

export function lifecycleJobOn(
  prisma: PrismaClient,
  server: { baseUrl: string; smtpUrl: string; tenantsConfigPath: string },
): LifecycleJobRunner {
  let moved = new Date();
  const clock = { now: () => moved };
  const directory = createDirectoryService({ store: createDirectoryStore(prisma), clock, cursorKey: randomBytes(32) });
  const outbox = mkdtemp(path.join(os.tmpdir(), "guestgate-e2e-jobs-"));
  const entitlements = async () =>
    createEntitlementService(createEntitlementStore(prisma), clock, {
      notify: createAccessPackageMailer({
        mailer: createMailer({
          smtpUrl: server.smtpUrl,
          from: "Guestgate e2e <no-reply@guestgate.test>",
          outboxDir: await outbox,
          production: true,
          log: quiet,
        }),
        translator: mailTranslator,
        baseUrl: server.baseUrl,
        tenants: createTenantDirectory(loadTenantsConfig(server.tenantsConfigPath)),
      }),
      // A mail that fails is the test's failure, not a log line nobody reads.
      onNotifyFailure: (error) => {
        throw error;
      },
      externalUsers: externalUsersThroughDirectory(directory),
    });
  return {
    async runAt(now) {
      moved = now;
      const job = entitlementLifecycleJob(await entitlements());
      return job.run({ now, actor: { type: "system", name: `job:${job.name}` } });
    },
  };
}
