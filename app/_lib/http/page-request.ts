import { headers } from "next/headers";
import { NONCE_HEADER, PATH_HEADER } from "./index";

/** What the proxy learned about this request, for server components. */
export async function pageRequest(): Promise<{ nonce: string | undefined; path: string }> {
  const all = await headers();
  return { nonce: all.get(NONCE_HEADER) ?? undefined, path: all.get(PATH_HEADER) ?? "/" };
}
