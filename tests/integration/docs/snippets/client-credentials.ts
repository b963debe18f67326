// A back-end service calling the tenant's management API: client credentials, no library needed.

/** An access token for `{base}/{tenant}/graph`, carrying the application's permissions as `roles`. */
export async function managementToken(base: string, tenant: string, clientId: string, clientSecret: string): Promise<string> {
  const credentials = btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`);
  const response = await fetch(`${base}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { authorization: `Basic ${credentials}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: `${base}/${tenant}/graph/.default` }),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string };
  if (!response.ok || !body.access_token) throw new Error(`token request failed: ${response.status} ${body.error}`);
  return body.access_token; // valid for expires_in seconds (3600): cache it until shortly before then
}
