// What must hold in the database after any fault, read straight from PostgreSQL.
import type { FaultBed } from "./bed";
import type { Person } from "./person";

/**
 * For each person: exactly one guest of their tenant, with exactly one identity (the passcode's issuer and the
 * address as subject), its attributes and one guest.created audit event, so no half-created guest
 * and no duplicate. Across the tenant: no self-service guest without an identity. Returns the
 * problems found, empty when all is well.
 */
export async function guestProblems(bed: FaultBed, people: readonly Person[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { email, tenant } of people) {
    const guests = await bed.query<{ id: string; displayName: string | null }>(
      `SELECT id, "displayName" FROM guests WHERE "tenantId" = $1 AND lower(email) = lower($2)`,
      [tenant.slug, email],
    );
    if (guests.length !== 1) {
      problems.push(`${email}: ${guests.length} guests`);
      continue;
    }
    const id = guests[0]!.id;
    const [identities, attributes, created] = await Promise.all([
      bed.query(`SELECT 1 FROM identities WHERE "guestId" = $1`, [id]),
      bed.query<{ name: string }>(`SELECT name FROM attribute_values WHERE "guestId" = $1`, [id]),
      bed.query(`SELECT 1 FROM audit_events WHERE type = 'guest.created' AND "targetId" = $1`, [id]),
    ]);
    if (identities.length !== 1) problems.push(`${email}: ${identities.length} identities`);
    if (created.length !== 1) problems.push(`${email}: ${created.length} guest.created audit events`);
    const names = new Set(attributes.map((a) => a.name));
    for (const name of ["givenName", "surname", "country"]) if (!names.has(name)) problems.push(`${email}: no ${name}`);
    if (guests[0]!.displayName !== "Fault Tester") problems.push(`${email}: display name ${guests[0]!.displayName}`);
  }
  const orphans = await bed.query<{ id: string }>(
    `SELECT g.id FROM guests g WHERE g."createdVia" = 'selfServiceSignUp'
       AND NOT EXISTS (SELECT 1 FROM identities i WHERE i."guestId" = g.id)`,
  );
  for (const orphan of orphans) problems.push(`guest ${orphan.id} signed up without an identity`);
  return problems;
}

/**
 * The state of the authorization codes the test minted: a code is consumed exactly when it has its
 * one grant (the unique grants."codeId" and the redemption's transaction promise it; a kill in the
 * middle must leave neither a consumed code without its grant nor a grant of an unconsumed code).
 */
export async function codeStates(
  bed: FaultBed,
  codeHashes: readonly string[],
): Promise<{ consumed: number; problems: string[] }> {
  const rows = await bed.query<{ codeHash: string; consumed: boolean; grants: string }>(
    `SELECT c."codeHash", c."consumedAt" IS NOT NULL AS consumed,
            (SELECT count(*) FROM grants g WHERE g."codeId" = c.id) AS grants
       FROM authorization_codes c WHERE c."codeHash" = ANY($1)`,
    [codeHashes],
  );
  const problems: string[] = [];
  if (rows.length !== codeHashes.length) problems.push(`${codeHashes.length} codes minted, ${rows.length} stored`);
  for (const row of rows)
    if ((row.consumed ? 1 : 0) !== Number(row.grants))
      problems.push(`code ${row.codeHash}: consumed=${row.consumed}, grants=${row.grants}`);
  return { consumed: rows.filter((row) => row.consumed).length, problems };
}
