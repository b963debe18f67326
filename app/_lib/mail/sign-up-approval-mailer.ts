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

export interface SignUpApprovalMailerDeps {
  mailer: Mailer;
  translator: (locale: Locale) => Promise<MailTranslate>;
  baseUrl: string;
  tenants: { find(slug: string): Tenant | undefined };
  /** The addresses to ask: the flow's approver group, else the tenant's User and Global Administrators. */
  approvers(tenantId: string, clientId: string): Promise<string[]>;
}

/**
 * The approval queue's mails (the service's SignUpNotifications): approvers are asked in the
 * tenant's default language, with the portal's page as the only link (they must sign in there to
 * decide); the person hears the decision in the language they signed up in, with the approver's
 * message, and once approved the tenant's home page to sign in from.
 */
export function createSignUpApprovalMailer(deps: SignUpApprovalMailerDeps) {
  const { mailer, baseUrl } = deps;
  return {
    async requested(request: ApprovalMailRequest): Promise<void> {
      const tenant = deps.tenants.find(request.tenantId);
      if (!tenant) return;
      const locale = tenant.locales.default;
      const rendered = renderApprovalRequestEmail({
        tenant,
        guestName: request.guest.displayName,
        guestEmail: request.guest.email,
        reviewUrl: `${baseUrl}/${encodeURIComponent(tenant.slug)}/admin/sign-up-requests`,
        locale,
        t: await deps.translator(locale),
      });
      for (const to of await deps.approvers(tenant.slug, request.clientId))
        await mailer.send({ ...rendered, to, locale, kind: "signUpApproval", tenant: tenant.slug });
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
