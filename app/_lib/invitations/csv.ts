import type { BulkRow } from "./bulk";

/** Columns of the bulk-invite file, by header (case-insensitive); only `email` is required. */
const COLUMNS = { email: "email", displayname: "displayName", language: "language", redirecturl: "redirectUrl" } as const;
const MAX_ROWS = 10_000;

export type CsvParse =
  | { ok: true; rows: BulkRow[] }
  | { ok: false; problem: "empty" | "noEmailColumn" | "unknownColumn" | "tooManyRows" | "unbalancedQuotes"; detail?: string };

/**
 * The bulk-invite CSV (RFC 4180: comma-separated, `"` quoting with `""` inside, CRLF or LF line
 * ends; a UTF-8 byte-order mark is dropped). The first line names the columns. Blank lines are skipped;
 * each row keeps its line number, so the per-row result points back into the file.
 */
export function parseInvitationCsv(text: string): CsvParse {
  const records = splitRecords(text.replace(/^\uFEFF/, ""));
  if (!records) return { ok: false, problem: "unbalancedQuotes" };
  const [header, ...body] = records.filter((record) => record.fields.some((field) => field.trim() !== ""));
  if (!header) return { ok: false, problem: "empty" };
  const names = header.fields.map((field) =>
    field
      .trim()
      .toLowerCase()
      .replace(/[\s_-]/g, ""),
  );
  const unknown = names.find((name) => !(name in COLUMNS));
  if (unknown !== undefined) return { ok: false, problem: "unknownColumn", detail: unknown };
  if (!names.includes("email")) return { ok: false, problem: "noEmailColumn" };
  if (body.length > MAX_ROWS) return { ok: false, problem: "tooManyRows", detail: String(MAX_ROWS) };
  const rows = body.map((record) => {
    const row: BulkRow = { line: record.line, email: "" };
    names.forEach((name, index) => {
      const value = record.fields[index]?.trim() ?? "";
      const column = COLUMNS[name as keyof typeof COLUMNS];
      if (column === "email") row.email = value;
      else if (value !== "") row[column] = value;
    });
    return row;
  });
  return { ok: true, rows };
}

function splitRecords(text: string): { line: number; fields: string[] }[] | null {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ line: startLine, fields });
      fields = [];
      field = "";
      line++;
      startLine = line;
    } else field += char;
  }
  if (quoted) return null;
  if (field !== "" || fields.length) {
    fields.push(field);
    records.push({ line: startLine, fields });
  }
  return records;
}
