import { notFound } from "next/navigation";

/**
 * Any unknown path under a tenant: a 404 inside the tenant's layout (branding, language switcher),
 * which app/[tenant]/(guest)/not-found.tsx renders. Static routes such as oauth2/… still win over this.
 */
export default function UnknownTenantPage(): never {
  notFound();
}
