// What the pages should show, read from the same files the server reads (never hard-coded here):
// the tenants config the server was started with and messages/<locale>.json.
import { readFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import "./context";
import { repoRoot } from "./paths";

export function baseURL(): string {
  return inject("baseURL");
}

/** An absolute URL on the server under test. */
export function url(pathAndQuery: string): string {
  return new URL(pathAndQuery, baseURL()).toString();
}

export interface TenantConfig {
  slug: string;
  displayName: string;
  branding: { logo: string; logoAlt?: string; primaryColor: string; accentColor: string; backgroundColor: string };
  locales: { enabled: string[]; default: string };
}

export function tenantsConfig(): { tenants: TenantConfig[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(inject("tenantsConfigPath"), "utf8"));
}

export function tenant(slug: string): TenantConfig {
  const found = tenantsConfig().tenants.find((t) => t.slug === slug);
  if (!found) throw new Error(`tenant ${slug} is not in ${inject("tenantsConfigPath")}`);
  return found;
}

type Messages = { [key: string]: string | Messages };
const messageCache = new Map<string, Messages>();

/** messages/<locale>.json's text at a dotted key, with {name} placeholders filled in from values. */
export function message(locale: string, key: string, values: Record<string, string> = {}): string {
  let messages = messageCache.get(locale);
  if (!messages) {
    messages = JSON.parse(readFileSync(path.join(repoRoot, "messages", `${locale}.json`), "utf8")) as Messages;
    messageCache.set(locale, messages);
  }
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`messages/${locale}.json has no message ${key}`);
  const text = node.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (!(name in values)) throw new Error(`messages/${locale}.json ${key} needs a value for ${placeholder}`);
    return values[name]!;
  });
  if (/[{}]/.test(text)) throw new Error(`messages/${locale}.json ${key} uses ICU syntax this helper does not format: ${node}`);
  return text;
}

/** "#1d6b3a" → "rgb(29, 107, 58)", the form getComputedStyle reports colours in. */
export function hexToRgb(hex: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((channel) => parseInt(channel, 16));
  return `rgb(${r}, ${g}, ${b})`;
}
