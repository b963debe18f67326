import { readableTextOn } from "../tenant";
import { cssHexColour, escapeHtml } from "./escape-html";

export interface BrandedLayout {
  lang: string;
  title: string;
  /** Shown as a text wordmark in the header bar, in the tenant's primary colour. */
  brandName: string;
  primaryColor: string;
  /** Already-escaped HTML fragments, one per block of the body. */
  body: string[];
  footer: string;
}

const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/**
 * The HTML frame of every Guestgate mail. E-mail clients ignore <style> blocks and modern CSS, so
 * the layout is presentation tables with inline styles. No images at all: remote images are
 * blocked by many clients, loading them tells the sender when the mail is opened (the tracking we
 * promise not to do), tenants' logos are SVG, which Gmail and Outlook do not display, and in a
 * development setup the base URL is localhost. The tenant's name on its primary colour brands the
 * mail without any of that.
 */
export function brandedLayoutHtml(layout: BrandedLayout): string {
  const primary = cssHexColour(layout.primaryColor);
  const onPrimary = readableTextOn(primary);
  return `<!doctype html>
<html lang="${escapeHtml(layout.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(layout.title)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f4f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border-radius:8px;font-family:${FONT};font-size:16px;line-height:1.5;color:#1f2328;">
<tr><td style="background-color:${primary};color:${onPrimary};padding:20px 28px;font-size:20px;font-weight:bold;border-radius:8px 8px 0 0;">${escapeHtml(layout.brandName)}</td></tr>
<tr><td style="padding:28px;">
${layout.body.join("\n")}
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e5e7eb;font-size:13px;color:#57606a;">${escapeHtml(layout.footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

export function paragraph(text: string, style = "margin:0 0 16px;"): string {
  return `<p style="${style}">${escapeHtml(text)}</p>`;
}

export function heading(text: string): string {
  return `<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">${escapeHtml(text)}</h1>`;
}
