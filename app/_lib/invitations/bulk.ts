import type { Actor } from "../directory";
import { normaliseAddress } from "./address";
import { InvitationError, isInvitationError } from "./errors";
import { mayActOnInvitations } from "./permissions";
import type { InvitationInternals } from "./service";

/** One row of a bulk invite (the CSV's columns); `line` points back into the file. */
export interface BulkRow {
  line: number;
  email: string;
  displayName?: string;
  language?: string;
  redirectUrl?: string;
}

export interface BulkOptions {
  /** For rows without their own redirect URL. */
  redirectUrl?: string;
  sendInvitationMessage: boolean;
  customMessage?: string | null;
  correlationId?: string;
}

export type BulkRowResult =
  | { line: number; email: string; outcome: "invited" | "alreadyInvited" | "alreadyGuest"; invitationId: string; guestId: string }
  | { line: number; email: string; outcome: "invalid" | "failed"; reason: string };

export interface BulkResult {
  rows: BulkRowResult[];
  counts: Record<BulkRowResult["outcome"], number>;
}

type Invitations = InvitationInternals;

/**
 * A bulk invite: every row is validated first and nothing is sent unless it passes (a bad row is
 * reported with its reason, the others go on). Idempotent: an address already invited and still
 * pending is left as it is (no second ticket, no second e-mail), one that redeemed is reported as
 * a guest, so uploading the same file again changes nothing.
 */
export async function bulkInvite(
  invitations: Invitations,
  actor: Actor,
  tenantId: string,
  rows: readonly BulkRow[],
  options: BulkOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<BulkResult> {
  const { invalid, valid } = await checkBulkRows(invitations, actor, tenantId, rows, options);
  const results: BulkRowResult[] = [...invalid];
  let done = 0;
  for (const row of valid) {
    results.push(await inviteBulkRow(invitations, actor, tenantId, row, options));
    onProgress?.(++done, valid.length);
  }
  return summarise(results);
}

/** The report of settled rows: in file order, counted by outcome. */
export function summarise(results: readonly BulkRowResult[]): BulkResult {
  const rows = [...results].sort((a, b) => a.line - b.line);
  const counts = { invited: 0, alreadyInvited: 0, alreadyGuest: 0, invalid: 0, failed: 0 };
  for (const result of rows) counts[result.outcome]++;
  return { rows, counts };
}

/**
 * Every row checked before anything is sent: the invalid ones with their reason (a later
 * duplicate of an address in the file too), and the rows to invite.
 */
export async function checkBulkRows(
  invitations: Invitations,
  actor: Actor,
  tenantId: string,
  rows: readonly BulkRow[],
  options: BulkOptions,
): Promise<{ invalid: BulkRowResult[]; valid: BulkRow[] }> {
  // Decided before any row is looked at, so a refused caller learns nothing from the report.
  if (!mayActOnInvitations(actor, "invite"))
    throw new InvitationError("forbidden", "forbidden", `${actor.type} may not invite here`);
  const invalid: BulkRowResult[] = [];
  const seen = new Set<string>();
  const valid: BulkRow[] = [];
  for (const row of rows) {
    const email = row.email.trim();
    const redirectUrl = row.redirectUrl ?? options.redirectUrl;
    try {
      if (!redirectUrl) throw Object.assign(new Error("no redirect URL"), { reason: "redirectMissing" });
      await invitations.validate(tenantId, {
        email,
        redirectUrl,
        messageLanguage: row.language ?? null,
        displayName: row.displayName ?? null,
      });
    } catch (error) {
      invalid.push({ line: row.line, email, outcome: "invalid", reason: reasonOf(error) });
      continue;
    }
    const key = normaliseAddress(email);
    if (seen.has(key)) {
      invalid.push({ line: row.line, email, outcome: "invalid", reason: "duplicateInFile" });
      continue;
    }
    seen.add(key);
    valid.push(row);
  }
  return { invalid, valid };
}

/** Invites one checked row; a live invitation of the address is left as it is (idempotent). */
export async function inviteBulkRow(
  invitations: Invitations,
  actor: Actor,
  tenantId: string,
  row: BulkRow,
  options: BulkOptions,
): Promise<BulkRowResult> {
  const email = row.email.trim();
  try {
    const outcome = await invitations.createWith(
      actor,
      tenantId,
      {
        email,
        displayName: row.displayName ?? null,
        redirectUrl: (row.redirectUrl ?? options.redirectUrl)!,
        messageLanguage: row.language ?? null,
        sendInvitationMessage: options.sendInvitationMessage,
        customMessage: options.customMessage ?? null,
        ...(options.correlationId ? { correlationId: options.correlationId } : {}),
      },
      { reissuePending: false },
    );
    return {
      line: row.line,
      email,
      outcome: outcome.status === "Completed" ? "alreadyGuest" : outcome.unchanged ? "alreadyInvited" : "invited",
      invitationId: outcome.invitation.id,
      guestId: outcome.guest.id,
    };
  } catch (error) {
    // Authorization is the same for every row: a refusal stops the run instead of repeating 1,000 times.
    if (isInvitationError(error) && error.code === "forbidden") throw error;
    return { line: row.line, email, outcome: "failed", reason: reasonOf(error) };
  }
}

function reasonOf(error: unknown): string {
  if (isInvitationError(error)) return error.reason;
  if (error instanceof Error && "reason" in error && typeof error.reason === "string") return error.reason;
  throw error;
}
