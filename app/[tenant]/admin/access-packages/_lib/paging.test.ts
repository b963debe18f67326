import { describe, expect, it } from "vitest";
import { pageHref, pageLinks, pageQuery } from "./paging";

const A = "0a000000-0000-4000-8000-00000000000a";
const B = "0b000000-0000-4000-8000-00000000000b";
const rows = [{ id: A }, { id: B }];

describe("the section's paging", () => {
  it("reads the keyset from the query, ignoring what is not an id", () => {
    expect(pageQuery({})).toEqual({});
    expect(pageQuery({ after: A.toUpperCase() })).toEqual({ after: A });
    expect(pageQuery({ before: B, after: A })).toEqual({ before: B });
    expect(pageQuery({ after: "x'; drop" })).toEqual({});
    expect(pageQuery({ after: [A, B] })).toEqual({});
  });

  it("links forwards and backwards from what the page holds", () => {
    expect(pageLinks({ items: rows, more: false }, {})).toEqual({});
    expect(pageLinks({ items: rows, more: true }, {})).toEqual({ next: { after: B } });
    expect(pageLinks({ items: rows, more: false }, { after: A })).toEqual({ previous: { before: A } });
    // Read backwards: `more` speaks of rows before; the page it came from is after.
    expect(pageLinks({ items: rows, more: true }, { before: B })).toEqual({ previous: { before: A }, next: { after: B } });
    expect(pageLinks({ items: rows, more: false }, { before: B })).toEqual({ next: { after: B } });
    expect(pageLinks({ items: [], more: false }, { after: A })).toEqual({});
  });

  it("keeps the list's filters in its links", () => {
    expect(pageHref("/t/list", { state: "denied", package: undefined }, { after: A })).toBe(`/t/list?state=denied&after=${A}`);
    expect(pageHref("/t/list", {}, {})).toBe("/t/list");
  });
});
