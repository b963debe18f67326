import { adminAction } from "../../_lib/action";
import { withFeedback } from "../../_lib/form-feedback";
import type { Call } from "../../../../_lib/access";
import { entitlementRefusal, guidOrUndefined } from "./refusal";

/**
 * The POST of a DeleteSection: without the ticked box nothing happens and the page says why; the
 * service verb decides the rest (audited with the administrator), and a "still in use" refusal
 * (conflict) comes back next to the box as `inUse`. Gone already: the list, as if deleted.
 */
export function deleteAction<P extends Record<string, string>>(options: {
  /** The route's id parameter. */
  id: keyof P & string;
  /** Where the person was (the form's returnTo must lie under it). */
  page: (tenant: string, params: P) => string;
  /** Where to go once deleted (a notice is added). */
  done: (tenant: string, params: P) => string;
  notice: string;
  inUse: string;
  /** The service's delete verb; false when the id is not this page's (a 404). */
  remove: (call: Call, id: string, params: P) => Promise<void | false>;
}) {
  return adminAction<P>("access.write", async ({ tenant, actor, form, params }) => {
    const here = options.page(tenant.slug, params);
    const returnTo = form.get("returnTo");
    const back = returnTo && returnTo.startsWith(here) ? returnTo : here;
    const id = guidOrUndefined(params[options.id]);
    if (!id) return new Response(null, { status: 404 });
    if (form.get("confirm") !== "yes")
      return { redirect: withFeedback(back, { problems: { confirm: "confirmDelete" }, values: {} }) };
    const gone = `${options.done(tenant.slug, params)}?done=${options.notice}`;
    try {
      if ((await options.remove({ actor, tenantId: tenant.slug }, id, params)) === false)
        return new Response(null, { status: 404 });
    } catch (error) {
      const code = entitlementRefusal(error);
      if (code === "notFound") return { redirect: gone };
      if (code === "conflict") return { redirect: withFeedback(back, { problems: { confirm: options.inUse }, values: {} }) };
      throw error;
    }
    return { redirect: gone };
  });
}
