/**
 * A 404 page as a complete HTML document, built on the server. Next 16 answers a thrown
 * `notFound()` with an empty error shell (`<html id="__next_error__">`, no `lang`, no title, no
 * text) and draws the not-found UI only once its JavaScript has run; these pages must read without
 * it (WCAG 2.4.2, 3.1.1). The proxy (unknown tenant) and the tenant's catch-all route (unknown path)
 * answer with this instead. No script: nothing on the page needs one.
 */
export interface NotFoundDocument {
  lang: string;
  /** The document title ("Page not found – Woodgrove Groceries"). */
  title: string;
  heading: string;
  body: string;
  homeHref: string;
  homeLabel: string;
  /** The CSP nonce for the one inline style sheet. */
  nonce: string;
  /** The tenant's look, when the address is under a known tenant. */
  brand?: {
    primary: string;
    onPrimary: string;
    /** The primary as adjusted for the dark theme (app/_lib/tenant/dark-branding.ts). */
    darkPrimary?: string;
    background: string;
    onBackground: string;
    logo: string;
    logoAlt: string;
  };
  /** The tenant's language switcher (a plain form, as on every tenant page), which comes back here. */
  switcher?: {
    action: string;
    returnTo: string;
    label: string;
    languages: readonly { locale: string; autonym: string; current: boolean; hint: string }[];
  };
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Colours are validated #rrggbb by the tenants schema; anything else falls back to Guestgate's own. */
const colour = (value: string | undefined, fallback: string) => (value && /^#[0-9a-f]{6}$/i.test(value) ? value : fallback);

export function notFoundDocument(page: NotFoundDocument): string {
  const primary = colour(page.brand?.primary, "#3b3f8f");
  const style = [
    `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;background:${colour(page.brand?.background, "#f6f6fa")};color:${colour(page.brand?.onBackground, "#000000")}}`,
    `header{background:#fff;border-bottom:4px solid ${primary};padding:12px 16px}`,
    "main{max-width:36rem;margin:0 auto;padding:40px 16px}",
    "article{background:#fff;color:#000;border-radius:12px;padding:32px;box-shadow:0 1px 3px rgba(0,0,0,.15)}",
    `h1{font-size:1.5rem;margin:0;color:${primary}}`,
    "a{color:inherit;text-underline-offset:2px}",
    "header{display:flex;flex-wrap:wrap;gap:16px;align-items:center;justify-content:space-between}",
    "header img{height:40px;width:auto}",
    "header ul{display:flex;gap:8px;list-style:none;margin:0;padding:0}",
    `header button{font:inherit;font-size:.875rem;min-height:24px;padding:4px 12px;border:1px solid #000;border-radius:6px;background:#fff;color:#000;cursor:pointer}`,
    `header button[aria-current=true]{background:${primary};color:${page.brand?.onPrimary ?? "#fff"}}`,
    ":focus-visible{outline:3px solid #000;outline-offset:3px;box-shadow:0 0 0 3px #fff}",
    // The dark theme of the guest pages (app/globals.css), kept simple: a dark card, light text.
    `@media (prefers-color-scheme: dark){:root{color-scheme:dark}body{background:#111216;color:#f3f3f5}article{background:#1c1d22;color:#f3f3f5}h1{color:${colour(page.brand?.darkPrimary, "#9ea1e6")}}:focus-visible{outline-color:#fff;box-shadow:0 0 0 3px #000}}`,
  ].join("");
  const switcher = page.switcher
    ? `<form method="post" action="${escape(page.switcher.action)}" aria-label="${escape(page.switcher.label)}">` +
      `<input type="hidden" name="returnTo" value="${escape(page.switcher.returnTo)}"><ul>` +
      page.switcher.languages
        .map(
          (l) =>
            `<li><button type="submit" name="locale" value="${escape(l.locale)}" title="${escape(l.hint)}"` +
            `${l.current ? ' aria-current="true"' : ""}><span lang="${escape(l.locale)}">${escape(l.autonym)}</span></button></li>`,
        )
        .join("") +
      "</ul></form>"
    : "";
  const header = page.brand
    ? `<header><img src="${escape(page.brand.logo)}" alt="${escape(page.brand.logoAlt)}" width="200" height="40">${switcher}</header>`
    : "";
  return (
    `<!DOCTYPE html><html lang="${escape(page.lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${escape(page.title)}</title><style nonce="${escape(page.nonce)}">${style}</style></head>` +
    `<body>${header}<main id="main"><article><h1>${escape(page.heading)}</h1><p>${escape(page.body)}</p>` +
    `<p><a href="${escape(page.homeHref)}">${escape(page.homeLabel)}</a></p></article></main></body></html>`
  );
}

/** The answer: 404, HTML, never cached (it depends on the language negotiated for this request). */
export function notFoundResponse(page: NotFoundDocument, headers: HeadersInit = {}): Response {
  const response = new Response(notFoundDocument(page), { status: 404, headers });
  response.headers.set("Content-Type", "text/html; charset=utf-8");
  response.headers.set("Cache-Control", "no-store");
  return response;
}
