import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./app/_lib/i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded by Node at run time, not bundled: the native database drivers, and the heavy server-only
  // libraries. Turbopack gives every route its own server chunk with its imports inlined (35 chunks
  // of ~3 MB, each loaded as its own module copy); an external package is loaded once per process
  // and shared by all of them, which is most of an instance's memory (docs/PERFORMANCE.md, "Memory").
  serverExternalPackages: [
    "@libsql/client",
    "libsql",
    "@prisma/adapter-libsql",
    "@prisma/adapter-pg",
    "pg",
    "oidc-provider",
    "@prisma/client",
    "nodemailer",
    "stdnum",
    "libphonenumber-js",
    "@simplewebauthn/server",
    "disposable-email-domains-js",
    "jose",
    "zod",
    "altcha-lib",
    "postcode-validator",
    "i18n-iso-countries",
    "safe-regex2",
    "@redis/client",
    "@formatjs/icu-messageformat-parser",
  ],
  typedRoutes: false,
  // The Pages Router (script-free guest pages) would load next-auth as an external ES module, whose
  // bare `next/server` import Node cannot resolve; bundled, it resolves as under the App Router.
  transpilePackages: ["next-auth"],
  experimental: {
    // forbidden() and forbidden.tsx: the admin portal answers 403 with a page for a role that lacks a capability.
    authInterrupts: true,
    // A route's server chunk is loaded when the route is first asked for, not every route's at start:
    // an instance that serves guests never loads the admin portal's (docs/PERFORMANCE.md, "Memory").
    preloadEntriesOnStart: false,
  },
};

export default withNextIntl(nextConfig);
