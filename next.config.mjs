import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./app/_lib/i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native database drivers are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "oidc-provider"],
  typedRoutes: false,
  // The Pages Router (script-free guest pages) would load next-auth as an external ES module, whose
  // bare `next/server` import Node cannot resolve; bundled, it resolves as under the App Router.
  transpilePackages: ["next-auth"],
  // forbidden() and forbidden.tsx: the admin portal answers 403 with a page for a role that lacks a capability.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
