import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import { UNEXPECTED_ERROR_CODE } from "../../_lib/http";
import { isWellFormedReference } from "../../_lib/log";
import { isErrorPageCode, type ErrorPageCode } from "../../_lib/oidc";
import { plainGuestProps, type PlainGuestProps } from "./guest-props";

// Server-only: imported by pages/[tenant]/error.tsx for getServerSideProps alone.

export interface ErrorPageProps extends PlainGuestProps {
  error: { type: "unexpected"; reference: string | null } | { type: "oauth"; code: ErrorPageCode };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The error page's code and reference, from the fixed set it shows (nothing else is echoed). */
export async function errorPageProps(context: GetServerSidePropsContext): Promise<GetServerSidePropsResult<ErrorPageProps>> {
  const raw = first(context.query.code);
  const ref = first(context.query.ref);
  const error: ErrorPageProps["error"] =
    raw === UNEXPECTED_ERROR_CODE
      ? { type: "unexpected", reference: isWellFormedReference(ref) ? ref : null }
      : { type: "oauth", code: isErrorPageCode(raw) ? raw : "invalid_request" };
  const result = await plainGuestProps(context, ["oidc", "errors"], (t, tenant) =>
    t("meta.errorTitle", {
      title: error.type === "unexpected" ? t("errors.generic.title") : t(`oidc.error.${error.code}.title`),
      tenant: tenant.displayName,
    }),
  );
  return "props" in result ? { props: { ...(await result.props), error } } : result;
}
