import { createHash, randomBytes } from "node:crypto";

/**
 * A redemption ticket: 256 random bits, base64url (so the Graph client's query re-serialisation
 * and mail clients leave it alone, contract §0.1). Only its SHA-256 is stored: the ticket is a
 * high-entropy bearer secret, so a plain hash suffices and a database leak redeems nothing.
 */
export function newTicket(): string {
  return randomBytes(32).toString("base64url");
}

export function ticketHash(ticket: string): string {
  return createHash("sha256").update(ticket).digest("base64url");
}

/** A ticket as newTicket makes them: anything else is tampered and is not looked up. */
export const isWellFormedTicket = (ticket: string) => /^[A-Za-z0-9_-]{43}$/.test(ticket);
