import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "./client";

export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** The interactive transaction open in this async context, and the client it belongs to. */
const open = new AsyncLocalStorage<{ client: PrismaClient; tx: Tx }>();

/**
 * One unit of work across stores: the first store to open a transaction on a client opens it, and
 * a store on the same client asked for a transaction while it runs joins it instead of opening a
 * second (which SQLite would block on, and which would commit apart). So the invitation store's
 * unit of work spends a ticket and the directory's links the identity in one commit or none.
 * Only the outermost call commits; an error anywhere inside rolls everything back.
 */
export function sharedTransaction<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  const current = open.getStore();
  if (current && current.client === prisma) return work(current.tx);
  return prisma.$transaction((tx) => open.run({ client: prisma, tx }, () => work(tx)));
}
