/**
 * GitHub is OAuth 2.0 without OpenID: no ID token, no `email_verified`. `GET /user` gives the public
 * profile (its `email` is whatever the person chose to show, or null); only `GET /user/emails`
 * (scope `user:email`) says which address is primary and whether GitHub verified it. Auth.js's own
 * request drops that flag, so this one keeps it: `email` becomes the primary address and
 * `email_verified` is true only when GitHub marks that address verified.
 */
interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

const headers = (accessToken: string) => ({
  Authorization: `Bearer ${accessToken}`,
  Accept: "application/vnd.github+json",
  "User-Agent": "guestgate",
});

export function githubUserinfoRequest(fetchImpl: typeof fetch) {
  return async ({ tokens, provider }: { tokens: { access_token?: string }; provider: { userinfo?: { url: URL } } }) => {
    const userUrl = provider.userinfo?.url;
    if (!userUrl || !tokens.access_token) throw new Error("GitHub userinfo needs its URL and an access token");
    const profileResponse = await fetchImpl(userUrl, { headers: headers(tokens.access_token) });
    if (!profileResponse.ok) throw new Error(`GitHub ${userUrl.pathname} answered ${profileResponse.status}`);
    const profile = (await profileResponse.json()) as Record<string, unknown>;

    const emailsResponse = await fetchImpl(new URL(`${userUrl.href.replace(/\/$/, "")}/emails`), {
      headers: headers(tokens.access_token),
    });
    const emails = emailsResponse.ok ? ((await emailsResponse.json()) as GitHubEmail[]) : [];
    const primary = Array.isArray(emails)
      ? emails.find((entry) => entry?.primary === true && typeof entry.email === "string")
      : undefined;
    if (!primary) return { ...profile, email_verified: false };
    return { ...profile, email: primary.email, email_verified: primary.verified === true };
  };
}
