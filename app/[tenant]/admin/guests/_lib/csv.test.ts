import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv";

describe("CSV cells", () => {
  it("quotes fields with commas, quotes and line breaks (RFC 4180 §2), doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("de Vries, Anna")).toBe('"de Vries, Anna"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe("");
    expect(csvCell("Chloé Lindqvist")).toBe("Chloé Lindqvist");
  });

  it.each(['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"])(
    "turns %j into text a spreadsheet will not run",
    (value) => {
      const cell = csvCell(value);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted).toBe(`'${value}`);
    },
  );

  it("leaves inner = + - @ alone and ends a row in CRLF", () => {
    expect(csvRow(["a=b", "x-1", "anna@example.org", ""])).toBe("a=b,x-1,anna@example.org,\r\n");
  });
});
