import { notFound } from "next/navigation";
import { tenants } from "../_lib/server";
import type { Tenant } from "../_lib/tenant";

/** The tenant a page under /{tenant} belongs to; an unknown slug is a 404, never a guess. */
export function tenantOrNotFound(slug: string): Tenant {
  return tenants().find(slug) ?? notFound();
}
