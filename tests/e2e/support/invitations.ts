// Inviting people the way an application does: a confidential client registered through the
// operator CLI with User.Invite.All, a client_credentials token from the tenant's token endpoint,
// and Graph's POST /invitations on the suite's server with sendInvitationMessage, so the invitation
// e-mail really goes through SMTP to the capture (support/mailbox.ts), where the test reads its link.
import { beforeAll, expect, inject } from "vitest";
import { guestgateCli } from "./applications";
import "./context";
import type { ReceivedMail } from "./mailbox";
import { baseURL } from "./site";

export interface SentInvitation {
  id: string;
  inviteRedeemUrl: string;
  invitedUser: { id: string };
  status: string;
}

export interface Inviter {
  /** POST /{tenant}/graph/v1.0/invitations with the invitation e-mail sent in `language`. */
  invite(tenant: string, invitation: { email: string; redirectUrl: string; language: string }): Promise<SentInvitation>;
}

/** Call at the top of a test file: one invitation client per tenant named, registered before the tests. */
export function withInviter(tenants: readonly string[]): Inviter {
  const clients = new Map<string, { clientId: string; clientSecret: string }>();
  beforeAll(async () => {
    const env = { ...process.env, ...inject("cliEnv") };
    for (const tenant of tenants) {
      const printed = await guestgateCli(
        [
          "app",
          "create",
          `--tenant=${tenant}`,
          "--name=Invitation e2e client",
          "--type=confidential",
          "--grant=client_credentials",
          "--permission=User.Invite.All",
        ],
        env,
      );
      const clientId = /client id:\s+(\S+)/.exec(printed)?.[1];
      const clientSecret = /client secret:\s+(\S+)/.exec(printed)?.[1];
      if (!clientId || !clientSecret) throw new Error(`guestgate app create printed no client id and secret:\n${printed}`);
      clients.set(tenant, { clientId, clientSecret });
    }
  }, 240_000);

  async function token(tenant: string): Promise<string> {
    const client = clients.get(tenant);
    if (!client) throw new Error(`no invitation client registered for ${tenant}`);
    const response = await fetch(`${baseURL()}/${tenant}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: `${baseURL()}/${tenant}/graph/.default`,
      }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (response.status !== 200 || !body.access_token)
      throw new Error(`token request failed: HTTP ${response.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  return {
    async invite(tenant, { email, redirectUrl, language }) {
      const response = await fetch(`${baseURL()}/${tenant}/graph/v1.0/invitations`, {
        method: "POST",
        headers: { authorization: `Bearer ${await token(tenant)}`, "content-type": "application/json" },
        body: JSON.stringify({
          invitedUserEmailAddress: email,
          inviteRedirectUrl: redirectUrl,
          sendInvitationMessage: true,
          invitedUserMessageInfo: { messageLanguage: language },
        }),
      });
      const body = (await response.json()) as SentInvitation;
      expect(response.status, JSON.stringify(body)).toBe(201);
      return body;
    },
  };
}

/** The accept link of an invitation e-mail: the redeem URL, the same in its text and its HTML. */
export function acceptLinkIn(mail: ReceivedMail, tenant: string): string {
  const pattern = new RegExp(`${baseURL().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/${tenant}/invite/[A-Za-z0-9_-]+`);
  const link = pattern.exec(mail.parsed.text ?? "")?.[0];
  if (!link) throw new Error(`no accept link in the invitation's text:\n${mail.parsed.text}`);
  if (!mail.parsed.html?.includes(`href="${link}"`)) throw new Error(`the invitation's HTML does not link ${link}`);
  return link;
}
