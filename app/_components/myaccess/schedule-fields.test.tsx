import { cleanup, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, describe, expect, it } from "vitest";
import en from "../../../messages/en.json";
import fr from "../../../messages/fr.json";
import nl from "../../../messages/nl.json";
import sv from "../../../messages/sv.json";
import type { FieldProblem } from "../../_lib/myaccess";
import { ScheduleFields } from "./schedule-fields";

afterEach(cleanup);

const CATALOGS = { en, nl, sv, fr };

const show = (
  locale: keyof typeof CATALOGS,
  problems: Record<string, FieldProblem> = {},
  values: Record<string, string[]> = {},
) =>
  render(
    <NextIntlClientProvider locale={locale} messages={{ myAccess: CATALOGS[locale].myAccess }}>
      <form>
        <ScheduleFields problems={problems} values={values} />
      </form>
    </NextIntlClientProvider>,
  );

describe("ScheduleFields", () => {
  it.each(Object.keys(CATALOGS) as (keyof typeof CATALOGS)[])(
    "offers an optional start and end date with their hint in %s",
    (locale) => {
      const texts = CATALOGS[locale].myAccess.package;
      show(locale);
      const group = screen.getByRole("group");
      expect(group.textContent).toContain(texts.schedule);
      expect(group.getAttribute("aria-describedby")).toBe("schedule-hint");
      expect(document.getElementById("schedule-hint")!.textContent).toBe(texts.scheduleHint);
      for (const [name, label] of [
        ["startDate", texts.startDate],
        ["endDate", texts.endDate],
      ] as const) {
        const input = screen.getByLabelText(label) as HTMLInputElement;
        // The id is the form field's name: the page's error summary links to `#startDate` and `#endDate`.
        expect(input).toMatchObject({ id: name, name, type: "date", value: "" });
        expect(input.getAttribute("aria-invalid")).toBeNull();
      }
    },
  );

  it("marks each refused date, names its error, and keeps what was typed", () => {
    show("nl", { startDate: "startPast", endDate: "endPastPolicy" }, { startDate: ["2026-01-02"], endDate: ["2027-12-31"] });
    const start = screen.getByLabelText(nl.myAccess.package.startDate) as HTMLInputElement;
    const end = screen.getByLabelText(nl.myAccess.package.endDate) as HTMLInputElement;
    expect(start.value).toBe("2026-01-02");
    expect(end.value).toBe("2027-12-31");
    expect(start.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(start.getAttribute("aria-describedby")!)!.textContent).toBe(nl.myAccess.errors.startPast);
    expect(document.getElementById(end.getAttribute("aria-describedby")!)!.textContent).toBe(nl.myAccess.errors.endPastPolicy);
  });
});
