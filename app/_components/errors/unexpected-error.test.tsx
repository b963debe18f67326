import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import nl from "../../../messages/nl.json";
import { digestOf, UnexpectedError, type UnexpectedErrorProps } from "./unexpected-error";

afterEach(cleanup);

const inDutch = (props: Partial<UnexpectedErrorProps>) => (
  <NextIntlClientProvider locale="nl" messages={{ errors: { generic: nl.errors.generic } }}>
    <UnexpectedError homeHref="/woodgrove" {...props} />
  </NextIntlClientProvider>
);
const show = (props: Partial<UnexpectedErrorProps> = {}) => render(inDutch(props));

describe("UnexpectedError", () => {
  it("says what happened in the page's language, with the reference and a way to the start page", () => {
    show({ reference: "KSC3A42VE2" });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(nl.errors.generic.title);
    expect(screen.getByTestId("error-reference").textContent).toBe("Referentie voor de helpdesk: KSC3A42VE2");
    expect(screen.getByRole("link", { name: nl.errors.generic.home }).getAttribute("href")).toBe("/woodgrove");
  });

  it("shows no reference line when there is none (an error thrown in the browser has no digest)", () => {
    show();
    expect(screen.queryByTestId("error-reference")).toBeNull();
  });

  it("moves focus to the heading when it replaces a page, and not otherwise", () => {
    show({ focusHeading: true });
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 1 }));
    cleanup();
    show();
    expect(document.activeElement).toBe(document.body);
  });

  it("makes Try again a link to the page (works without script) that calls retry instead once script runs", () => {
    const retry = vi.fn();
    show({ retryHref: "/woodgrove/journey/j1", retry });
    const link = screen.getByRole("link", { name: nl.errors.generic.retry });
    expect(link.getAttribute("href")).toBe("/woodgrove/journey/j1");
    const notPrevented = fireEvent.click(link);
    expect(retry).toHaveBeenCalledOnce();
    expect(notPrevented).toBe(false);
  });

  it("offers Go back only after hydration, so the server's HTML has no button that cannot work", async () => {
    expect(renderToString(inDutch({ offerBack: true }))).not.toContain("<button");
    const back = vi.spyOn(history, "back").mockImplementation(() => undefined);
    const { container } = show({ offerBack: true });
    await act(async () => undefined);
    const button = screen.getByRole("button", { name: nl.errors.generic.back });
    fireEvent.click(button);
    expect(back).toHaveBeenCalledOnce();
    expect(container.querySelectorAll("button")).toHaveLength(1);
  });

  it("renders its own <title> only when asked (an error boundary), since a page sets it through metadata", () => {
    show({ ownTitle: true });
    expect(document.querySelector("title")?.textContent).toBe(nl.errors.generic.title);
    cleanup();
    show();
    expect(document.querySelector("title")).toBeNull();
  });
});

describe("digestOf", () => {
  it("reads Next's digest, and nothing that does not look like one", () => {
    expect(digestOf(Object.assign(new Error("x"), { digest: "3576830906" }))).toBe("3576830906");
    expect(digestOf(new Error("x"))).toBeUndefined();
    expect(digestOf({ digest: "<script>" })).toBeUndefined();
    expect(digestOf("thrown string")).toBeUndefined();
  });
});
