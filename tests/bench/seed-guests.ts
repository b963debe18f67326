// Inserts many guests into one tenant — each with an identity and three attribute values, spread
// over states, identity providers, user flows and creation dates — for the admin portal's list
// benchmark (tests/bench/guests-list.ts) and for trying the portal with a realistic directory.
//
//   DATABASE_URL=file:/tmp/guests.db npx tsx tests/bench/seed-guests.ts --tenant woodgrove --count 100000
//
// Rows go in with batched createMany (one INSERT per table per batch), not one create per guest:
// 100,000 guests are 300,000+ rows, which one-by-one would take minutes; and many batches commit
// together, so the database syncs its journal a few times instead of hundreds.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createPrismaClient, searchKeyOf, type PrismaClient } from "../../app/_lib/db";

/** Rows per INSERT: under SQLite's 32,766 bound parameters for the widest table (guests, 13 columns). */
const BATCH = 2_000;
/** Guests per transaction. */
const TRANSACTION_ROWS = 20_000;
const PROVIDERS = ["email", "email", "email", "google", "microsoft"] as const;
const FLOWS = ["signup-signin", "partners"] as const;
const GIVEN = ["Anna", "Bram", "Chloé", "Daan", "Elin", "Farah", "Gustav", "Hélène", "Ilse", "Joris", "Karin", "Lucas"];
const FAMILY = ["de Vries", "Jansen", "Lindqvist", "Dubois", "Bakker", "Nilsson", "Martin", "Visser", "Berg", "Laurent"];
const COUNTRIES = ["NL", "SE", "FR", "BE", "DE"];

export interface SeedOptions {
  tenantId: string;
  count: number;
  /** Distinguishes the rows of two runs into one database (subjects and addresses stay unique). */
  runId?: string;
  /** The newest guest's creation time; one guest per minute before it. */
  newest?: Date;
}

/** Inserts `count` guests with identities and attributes; returns how long it took (ms). */
export async function seedGuests(prisma: PrismaClient, options: SeedOptions): Promise<number> {
  const started = performance.now();
  const run = options.runId ?? randomUUID().slice(0, 8);
  const newest = (options.newest ?? new Date()).getTime();
  // Each batch's three INSERTs in one transaction of many batches: one commit (one journal sync on
  // SQLite) per TRANSACTION_ROWS guests instead of one per statement.
  for (let first = 0; first < options.count; first += TRANSACTION_ROWS) {
    const last = Math.min(first + TRANSACTION_ROWS, options.count);
    await prisma.$transaction(
      async (tx) => {
        for (let start = first; start < last; start += BATCH) {
          const size = Math.min(BATCH, last - start);
          const guests = Array.from({ length: size }, (_, k) => guestRow(options.tenantId, run, start + k, newest));
          await tx.guest.createMany({ data: guests.map((g) => g.guest) });
          await tx.identity.createMany({ data: guests.map((g) => g.identity) });
          await tx.attributeValue.createMany({ data: guests.flatMap((g) => g.attributes) });
        }
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
  }
  return performance.now() - started;
}

function guestRow(tenantId: string, run: string, i: number, newest: number) {
  const id = randomUUID();
  const given = GIVEN[i % GIVEN.length]!;
  const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!;
  const provider = PROVIDERS[i % PROVIDERS.length]!;
  const email = `${given
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase()}.${i}.${run}@seed.example`;
  // Most are active; a few blocked or invited, as in a live directory.
  const state = i % 50 === 7 ? "blocked" : i % 40 === 3 ? "pendingAcceptance" : "active";
  const createdAt = new Date(newest - i * 60_000);
  const displayName = `${given} ${family} ${i}`;
  return {
    guest: {
      id,
      tenantId,
      userType: "Guest",
      state,
      createdVia: state === "pendingAcceptance" ? "invitation" : "selfServiceSignUp",
      displayName,
      // What the directory store writes beside every display name (the name search's index).
      searchName: searchKeyOf(displayName),
      email,
      emailVerified: true,
      userFlowName: FLOWS[i % 7 === 0 ? 1 : 0],
      clientId: "seeded-app",
      identityProvider: provider,
      createdAt,
      updatedAt: createdAt,
    },
    identity: {
      tenantId,
      guestId: id,
      issuer: provider === "email" ? "urn:guestgate:email-otp" : `https://${provider}.seed.example`,
      subject: provider === "email" ? email : `${provider}-${run}-${i}`,
      provider,
      email,
      emailVerified: true,
      createdAt,
    },
    attributes: [
      { guestId: id, name: "givenName", value: JSON.stringify(given) },
      { guestId: id, name: "surname", value: JSON.stringify(family) },
      { guestId: id, name: "country", value: JSON.stringify(COUNTRIES[i % COUNTRIES.length]) },
    ],
  };
}

async function main() {
  const { values } = parseArgs({
    options: { tenant: { type: "string", default: "woodgrove" }, count: { type: "string", default: "100000" } },
  });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error("--count: a whole number");
  const prisma = createPrismaClient(url);
  try {
    const ms = await seedGuests(prisma, { tenantId: values.tenant!, count });
    console.log(`${count} guests with identities and attributes in ${(ms / 1000).toFixed(1)} s`);
  } finally {
    await prisma.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
