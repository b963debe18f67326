import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import { journeyTranslator } from "../journey/translator";
import { loadMessages } from "../../_lib/i18n";
import { newErrorReference, requestContext } from "../../_lib/log";
import { logger } from "../../_lib/server";
import { localeOf, shellProps, SHELL_NAMESPACES, tenantOf, type PlainGuestProps } from "./guest-props";

// Server-only: imported by pages for getServerSideProps alone.

/** A script-free guest page whose render failed: the tenant's shell around the unexpected-error panel. */
export interface FailureProps extends PlainGuestProps {
  failure: { reference: string };
}

/**
 * A Pages Router page's getServerSideProps that fails unexpectedly (the database is down, say)
 * would reach Next's own English error page, which runs the client runtime and knows no tenant.
 * This answers 500 with the tenant's page instead: what happened in the page's language, a
 * reference that one log line also carries with the request id, and a "Try again" link to the
 * same address (the App Router's error boundary, without JavaScript). `route` names the page as
 * Next names it in its own failure log lines ("/[tenant]/journey/[id]/[step]").
 */
export function withFailurePage<P extends PlainGuestProps>(
  route: string,
  getProps: (context: GetServerSidePropsContext) => Promise<GetServerSidePropsResult<P>>,
) {
  return async (context: GetServerSidePropsContext): Promise<GetServerSidePropsResult<P | FailureProps>> => {
    try {
      return await getProps(context);
    } catch (error) {
      const tenant = tenantOf(context);
      if (!tenant) throw error;
      const reference = newErrorReference();
      logger().error("unexpected failure", {
        requestId: requestContext()?.requestId,
        reference,
        method: context.req.method,
        // Without the query: a callback's query holds codes and tokens.
        path: context.resolvedUrl.split("?")[0],
        route,
        routeType: "render",
        err: error,
      });
      const locale = localeOf(context, tenant);
      const all = (await loadMessages(locale)) as unknown as Record<string, unknown>;
      const messages = Object.fromEntries([...SHELL_NAMESPACES, "errors"].map((name) => [name, all[name]]));
      const t = await journeyTranslator(locale, undefined);
      context.res.statusCode = 500;
      return { props: { ...shellProps(context, tenant, locale, messages, t("errors.generic.title")), failure: { reference } } };
    }
  };
}
