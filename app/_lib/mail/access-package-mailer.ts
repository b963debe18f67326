import type { AccessNotifications, NoticeRecipient } from "../access";
import { isLocale, type Locale } from "../i18n";
import type { Tenant } from "../tenant";
import { renderAccessApprovalEmail, renderAccessRequestorEmail } from "./access-package-email";
import type { Mailer } from "./mailer";
import type { MailTranslate } from "./translate";

export interface AccessPackageMailerDeps {
  mailer: Mailer;
  translator: (locale: Locale) => Promise<MailTranslate>;
  baseUrl: string;
  tenants: { find(slug: string): Tenant | undefined };
}

/**
 * The language of one reader: their `preferredLanguage` ("fr-FR" reads as fr) when the tenant
 * offers it, else the tenant's default.
 */
export function readerLocale(tenant: Pick<Tenant, "locales">, recipient: Pick<NoticeRecipient, "preferredLanguage">): Locale {
  const wanted = recipient.preferredLanguage?.split(/[-_]/)[0]?.toLowerCase();
  return wanted && isLocale(wanted) && tenant.locales.enabled.includes(wanted) ? wanted : tenant.locales.default;
}

/**
 * Entitlement management's mails (the service's AccessNotifications): each approver of a stage
 * in their own language with the portal's approval page of the request as the only link; the
 * person the access is for in theirs, with the tenant's My Access page. One failed message does
 * not stop the others; the failures are thrown together afterwards, for the service to report.
 */
export function createAccessPackageMailer(deps: AccessPackageMailerDeps): AccessNotifications {
  const { mailer, baseUrl } = deps;
  const tenantPath = (tenant: Tenant) => `${baseUrl}/${encodeURIComponent(tenant.slug)}`;
  return {
    async approvalRequested(notice) {
      const tenant = deps.tenants.find(notice.tenantId);
      if (!tenant) return;
      const reviewUrl = `${tenantPath(tenant)}/admin/access-approvals/${encodeURIComponent(notice.requestId)}`;
      const failures: unknown[] = [];
      for (const approver of notice.approvers) {
        const locale = readerLocale(tenant, approver);
        const rendered = renderAccessApprovalEmail({ ...notice, tenant, reviewUrl, locale, t: await deps.translator(locale) });
        await mailer
          .send({ ...rendered, to: approver.email, locale, kind: "accessPackage", tenant: tenant.slug })
          .catch((error: unknown) => failures.push(error));
      }
      if (failures.length)
        throw new AggregateError(failures, `${failures.length} of ${notice.approvers.length} approver mails were not sent`);
    },
    async requestorInformed(notice) {
      const tenant = deps.tenants.find(notice.tenantId);
      if (!tenant) return;
      const locale = readerLocale(tenant, notice.to);
      const rendered = renderAccessRequestorEmail({
        tenant,
        kind: notice.kind,
        accessPackage: notice.accessPackage,
        ...(notice.justification !== undefined ? { justification: notice.justification } : {}),
        ...(notice.expiresAt !== undefined ? { expiresAt: notice.expiresAt } : {}),
        // A new guest's invitation ends in My Access once they have proven the address.
        myAccessUrl: notice.actionUrl ?? `${tenantPath(tenant)}/myaccess`,
        locale,
        t: await deps.translator(locale),
      });
      await mailer.send({ ...rendered, to: notice.to.email, locale, kind: "accessPackage", tenant: tenant.slug });
    },
  };
}
