import { describe, expect, it } from "vitest";
import { bulkInvite, type BulkRow } from "./bulk";
import { parseInvitationCsv } from "./csv";
import { admin, invitationBed, inviter, T } from "./test-fixtures";

const APP = "https://app.woodgrove.example/callback";

describe("bulk invite", () => {
  const rows = (): BulkRow[] => [
    { line: 2, email: "a@example.net", displayName: "A", language: "nl" },
    { line: 3, email: "not-an-address" },
    { line: 4, email: "b@example.net", redirectUrl: "https://evil.example/" },
    { line: 5, email: "A@example.net" },
    { line: 6, email: "c@example.net", language: "!!" },
    { line: 7, email: "d@example.net", redirectUrl: "https://portal.woodgrove.example/partners/x" },
  ];

  it("validates every row, invites the good ones, reports the bad ones with reasons, and is idempotent", async () => {
    const bed = invitationBed();
    const first = await bulkInvite(bed.invitations, inviter, T, rows(), { redirectUrl: APP, sendInvitationMessage: true });
    expect(first.rows.map((r) => [r.line, r.outcome, "reason" in r ? r.reason : undefined])).toEqual([
      [2, "invited", undefined],
      [3, "invalid", "invalidAddress"],
      [4, "invalid", "redirectNotAllowed"],
      [5, "invalid", "duplicateInFile"],
      [6, "invalid", "invalidLanguage"],
      [7, "invited", undefined],
    ]);
    expect(bed.mails.map((m) => [m.to, m.language])).toEqual([
      ["a@example.net", "nl"],
      ["d@example.net", "en"],
    ]);
    const again = await bulkInvite(bed.invitations, inviter, T, rows(), { redirectUrl: APP, sendInvitationMessage: true });
    expect(again.counts).toEqual({ invited: 0, alreadyInvited: 2, alreadyGuest: 0, invalid: 4, failed: 0 });
    expect(bed.mails).toHaveLength(2);
    expect(bed.store.rows()).toHaveLength(2);
  });

  it("needs a redirect URL for every row and refuses a caller who may not invite before reading any row", async () => {
    const bed = invitationBed();
    const result = await bulkInvite(bed.invitations, inviter, T, [{ line: 2, email: "a@example.net" }], {
      sendInvitationMessage: false,
    });
    expect(result.rows).toEqual([{ line: 2, email: "a@example.net", outcome: "invalid", reason: "redirectMissing" }]);
    await expect(
      bulkInvite(bed.invitations, admin("directoryReader"), T, rows(), { redirectUrl: APP, sendInvitationMessage: false }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("bulk invite CSV (RFC 4180)", () => {
  it("reads a header, quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM, and skips blank lines", () => {
    const text =
      '\uFEFFEmail,Display name,language\r\nana@example.net,"Berg, Ana",nl\r\n\r\nbo@example.net,"Bo ""the"" Ek\nJr",\n';
    expect(parseInvitationCsv(text)).toEqual({
      ok: true,
      rows: [
        { line: 2, email: "ana@example.net", displayName: "Berg, Ana", language: "nl" },
        { line: 4, email: "bo@example.net", displayName: 'Bo "the" Ek\nJr' },
      ],
    });
  });

  it.each([
    ["", "empty"],
    ["name\nx", "unknownColumn"],
    ["displayName\nx", "noEmailColumn"],
    ['email\n"open', "unbalancedQuotes"],
  ])("refuses %j: %s", (text, problem) => {
    expect(parseInvitationCsv(text)).toMatchObject({ ok: false, problem });
  });
});
