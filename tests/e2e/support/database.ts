// The server's own database, read (and, to make a journey expire without waiting 30 minutes,
// written) by the tests through the app's Prisma client, so that what a test checks is what the
// server stored.
import { afterAll, inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../../app/_lib/db";
import "./context";

/** Call at the top of a test file: a client on the test database, closed after the file. */
export function withDatabase(): () => PrismaClient {
  let client: PrismaClient | undefined;
  afterAll(async () => {
    await client?.$disconnect();
  });
  return () => (client ??= createPrismaClient(inject("databaseUrl")));
}
