import { readerLocale } from "./access-package-mailer";
import { isLocale, type Locale } from "../i18n";
import type { Tenant } from "../tenant";
import type { Mailer } from "./mailer";
import { renderApprovalRequestEmail, renderSignUpDecisionEmail } from "./sign-up-approval-email";
import type { MailTranslate } from "./translate";

/** What the mails need of a sign-up request (directory/approvals' SignUpRequest has it). */
export interface ApprovalMailRequest {
  tenantId: string;
  clientId: string;
  locale: string;
  state: string;
  message: string | null;
  guest: { email: string | null; displayName: string | null };
}

/** One approver to ask: the address, and the language tag of their profile (Graph preferredLanguage), if any. */
export interface ApprovalRecipient {
  email: string;
  preferredLanguage: string | null;
}

export interface SignUpApprovalMailerDeps {
  mailer: Mailer;
  translator: (locale: Locale) => Promise<MailTranslate>;
  baseUrl: string;
  tenants: { find(slug: string): Tenant | undefined };
  /** The addresses to ask: the flow's approver group, else the tenant's User and Global Administrators. */
  approvers(tenantId: string, clientId: string): Promise<ApprovalRecipient[]>;
}

/**
 * The approval queue's mails (the service's SignUpNotifications): each approver is asked in their
 * own language (`readerLocale`), with the portal's page as the only link (they must sign in there to
 * decide); the person hears the decision in the language they signed up in, with the approver's
 * message, and once approved the tenant's home page to sign in from.
 */
export function createSignUpApprovalMailer(deps: SignUpApprovalMailerDeps) {
  const { mailer, baseUrl } = deps;
  return {
    async requested(request: ApprovalMailRequest): Promise<void> {
      const tenant = deps.tenants.find(request.tenantId);
      if (!tenant) return;
      // One rendering per language the approvers read, reused for everyone who reads it.
      const rendered = new Map<Locale, ReturnType<typeof renderApprovalRequestEmail>>();
      for (const approver of await deps.approvers(tenant.slug, request.clientId)) {
        const locale = readerLocale(tenant, approver);
        let mail = rendered.get(locale);
        if (!mail) {
          mail = renderApprovalRequestEmail({
            tenant,
            guestName: request.guest.displayName,
            guestEmail: request.guest.email,
            reviewUrl: `${baseUrl}/${encodeURIComponent(tenant.slug)}/admin/sign-up-requests`,
            locale,
            t: await deps.translator(locale),
          });
          rendered.set(locale, mail);
        }
        await mailer.send({ ...mail, to: approver.email, locale, kind: "signUpApproval", tenant: tenant.slug });
      }
    },
    async decided(request: ApprovalMailRequest): Promise<void> {
      const tenant = deps.tenants.find(request.tenantId);
      if (!tenant || !request.guest.email || request.state === "pending") return;
      const locale =
        isLocale(request.locale) && tenant.locales.enabled.includes(request.locale) ? request.locale : tenant.locales.default;
      const approved = request.state === "approved";
      const rendered = renderSignUpDecisionEmail({
        tenant,
        approved,
        message: request.message,
        signInUrl: approved ? `${baseUrl}/${encodeURIComponent(tenant.slug)}` : null,
        locale,
        t: await deps.translator(locale),
      });
      await mailer.send({ ...rendered, to: request.guest.email, locale, kind: "signUpApproval", tenant: tenant.slug });
    },
  };
}
