// Seeds what the tenants config implies. Idempotent: run it after every deploy.
//   npm run db:seed     (DATABASE_URL and GUESTGATE_CONFIG as for the app)
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { auditRow, createOidcRepositories, createPrismaClient, createUserFlowStore, type PrismaClient } from "../app/_lib/db";
import type { SystemActor } from "../app/_lib/directory";
import { createUserFlowService } from "../app/_lib/journeys";
import sourceMessages from "../messages/en.json";
import { env } from "../app/_lib/env";
import { createApplicationAdmin, systemClock, type LocalizedNames } from "../app/_lib/oidc";
import { loadTenantsConfig, type Tenant } from "../app/_lib/tenant";

export type SeedTenant = Pick<Tenant, "slug" | "administrators">;

/** What the seed writes is audited with this actor, as the CLI's changes are with `cli`. */
const SEED: SystemActor = { type: "system", name: "seed" };

/**
 * Ensures a Member directory user for each tenant administrator's e-mail, holding the configured
 * directory role (a Member without any role gets it; roles changed later are left alone).
 */
export async function seed(prisma: PrismaClient, tenants: readonly SeedTenant[]): Promise<{ created: number }> {
  let created = 0;
  for (const tenant of tenants) {
    // the directory stores e-mail normalised; the config may not be (the first entry of an address wins)
    const roles = new Map<string, string>();
    for (const { email, role } of tenant.administrators) {
      const normalised = email.trim().toLowerCase();
      if (!roles.has(normalised)) roles.set(normalised, role);
    }
    for (const [email, role] of roles) {
      // Match Members only: a self-service Guest who typed this address (maybe unverified) must
      // never be promoted by the seed. An existing Member is left as it is (an admin may have
      // blocked or renamed it), which is what makes a second run a no-op.
      const existing = await prisma.guest.findFirst({
        where: { tenantId: tenant.slug, email, userType: "Member" },
        select: { id: true, _count: { select: { directoryRoles: true } } },
      });
      if (existing) {
        if (existing._count.directoryRoles === 0) await grantRole(prisma, tenant.slug, existing.id, role);
        continue;
      }
      const id = randomUUID();
      await prisma.$transaction([
        prisma.guest.create({ data: { id, tenantId: tenant.slug, userType: "Member", createdVia: "seed", email } }),
        prisma.auditEvent.create({
          data: auditRow({
            tenantId: tenant.slug,
            type: "guest.created",
            actor: SEED,
            target: { type: "guest", id },
            data: { createdVia: "seed", userType: "Member" },
          }),
        }),
      ]);
      await grantRole(prisma, tenant.slug, id, role);
      created++;
    }
  }
  return { created };
}

async function grantRole(prisma: PrismaClient, tenantId: string, guestId: string, role: string): Promise<void> {
  await prisma.$transaction([
    prisma.directoryRoleAssignment.create({ data: { tenantId, guestId, role } }),
    prisma.auditEvent.create({
      data: auditRow({
        tenantId,
        type: "directoryRole.assigned",
        actor: SEED,
        target: { type: "guest", id: guestId },
        data: { role },
      }),
    }),
  ]);
}

/**
 * Demo applications, so that any OIDC library can be pointed at a tenant right after the quick
 * start. Their client ids are fixed (a name-based UUID of the slug), e.g. for the shipped tenants:
 *
 *   woodgrove   public        540a2eb4-526c-545d-b702-1caab8d4a622
 *               confidential  cc504114-0f48-5f9d-a10c-49c8d35e0eac
 *   sparbanken  public        5aa8ae6e-e3ee-5a4f-82b0-9fc21ba5cbe6
 *               confidential  2062ddb9-9da3-572c-b8bb-079302b7dd2b
 *
 * (`npm run guestgate -- app list --tenant SLUG` prints them.) Redirect URIs are loopback IP
 * literals, so any local port works (RFC 8252 §7.3). The confidential client's secret is
 * GUESTGATE_DEMO_CLIENT_SECRET when set, otherwise a fresh one printed once. Existing demo clients
 * are left as they are, which makes a second run a no-op.
 */
export const DEMO_REDIRECT_URI = "http://127.0.0.1:3000/demo/callback";
export const DEMO_POST_LOGOUT_REDIRECT_URI = "http://127.0.0.1:3000/demo/signed-out";

/** UUID version 5 (RFC 9562 §5.5) of "guestgate-demo:{slug}:{kind}" in a fixed namespace. */
export function demoClientId(slug: string, kind: "public" | "confidential"): string {
  const namespace = Buffer.from("3d0c6f4e8a2b4c1d9e7f5a6b0c1d2e3f", "hex");
  const hash = createHash("sha1").update(namespace).update(`guestgate-demo:${slug}:${kind}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The demo applications' names, with their own name in each page language (never English on a Dutch page). */
export function demoApplicationNames(
  tenant: string,
  type: "public" | "confidential",
): { name: string; localizedDisplayNames: LocalizedNames } {
  const spa = type === "public";
  return {
    name: `${tenant} demo (${spa ? "single-page app" : "web app"})`,
    localizedDisplayNames: {
      nl: `Demo van ${tenant} (${spa ? "single-page-app" : "webapp"})`,
      sv: `${tenant} – demo (${spa ? "ensidesapp" : "webbapp"})`,
      fr: `Démo ${tenant} (${spa ? "application monopage" : "application web"})`,
    },
  };
}

export async function seedDemoApplications(
  prisma: PrismaClient,
  tenants: readonly Pick<Tenant, "slug" | "displayName">[],
  options: { confidentialSecret?: string } = {},
): Promise<{ created: { tenant: string; clientId: string; type: string; secret?: string }[] }> {
  const admin = createApplicationAdmin({ applications: createOidcRepositories(prisma).applications, clock: systemClock });
  const created = [];
  for (const tenant of tenants) {
    for (const type of ["public", "confidential"] as const) {
      const clientId = demoClientId(tenant.slug, type);
      if (await admin.find(tenant.slug, clientId)) continue;
      const { secret } = await admin.register(
        {
          tenantId: tenant.slug,
          clientId,
          ...demoApplicationNames(tenant.displayName, type),
          clientType: type,
          redirectUris: [DEMO_REDIRECT_URI],
          postLogoutRedirectUris: [DEMO_POST_LOGOUT_REDIRECT_URI],
          grantTypes:
            type === "public"
              ? ["authorization_code", "refresh_token"]
              : ["authorization_code", "refresh_token", "client_credentials"],
          permissions: type === "public" ? [] : ["User.Read.All", "User.Invite.All"],
          ...(type === "confidential" && options.confidentialSecret ? { secret: options.confidentialSecret } : {}),
        },
        { actor: SEED },
      );
      created.push({
        tenant: tenant.slug,
        clientId,
        type,
        ...(secret && !options.confidentialSecret ? { secret: secret.secret } : {}),
      });
    }
  }
  return { created };
}

/** Demo user flows, one file per tenant slug; their `applications` are the demo clients above. */
export const DEMO_USER_FLOWS_DIR = path.join(import.meta.dirname, "seed-data", "user-flows");

/**
 * Imports the demo user flows of the tenants that have a file in DEMO_USER_FLOWS_DIR. A tenant that
 * has user flows already is left as it is (an operator may have imported their own), which makes a
 * second run a no-op.
 */
export async function seedDemoUserFlows(
  prisma: PrismaClient,
  tenants: readonly Tenant[],
  options: { dir?: string } = {},
): Promise<{ imported: { tenant: string; flows: string[]; applications: string[] }[] }> {
  const dir = options.dir ?? DEMO_USER_FLOWS_DIR;
  const userFlows = createUserFlowService({
    store: createUserFlowStore(prisma),
    tenants: { find: (slug) => tenants.find((t) => t.slug === slug) },
    sourceMessages,
    warn: (message) => console.warn(message),
  });
  const imported = [];
  for (const tenant of tenants) {
    const file = path.join(dir, `${tenant.slug}.json`);
    if (!existsSync(file)) continue;
    if ((await userFlows.list(SEED, tenant.slug)).length > 0) continue;
    const result = await userFlows.importFile(SEED, tenant.slug, readFileSync(file, "utf8"));
    imported.push({
      tenant: tenant.slug,
      flows: result.flows.map((f) => f.name),
      applications: result.flows.flatMap((f) => f.applications),
    });
  }
  return { imported };
}

async function main() {
  const settings = env();
  const { DATABASE_URL, GUESTGATE_CONFIG } = settings;
  const config = loadTenantsConfig(GUESTGATE_CONFIG);
  const prisma = createPrismaClient(DATABASE_URL);
  try {
    const { created } = await seed(prisma, config.tenants);
    console.log(`seed: ${config.tenants.length} tenant(s), ${created} member(s) created`);
    if (settings.NODE_ENV === "production") {
      console.log("seed: demo applications and user flows skipped (NODE_ENV=production)");
    } else {
      const demo = await seedDemoApplications(prisma, config.tenants, {
        confidentialSecret: settings.GUESTGATE_DEMO_CLIENT_SECRET,
      });
      for (const app of demo.created) {
        console.log(
          `seed: demo ${app.type} application for ${app.tenant}: client id ${app.clientId}${app.secret ? `, secret ${app.secret} (shown once)` : ""}`,
        );
      }
      for (const flows of (await seedDemoUserFlows(prisma, config.tenants)).imported) {
        console.log(
          `seed: demo user flow(s) ${flows.flows.join(", ")} for ${flows.tenant}, apps ${flows.applications.join(", ")}`,
        );
      }
    }
  } finally {
    await prisma.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
