// The upstream identity providers of the e2e tenant: two real OpenID providers (node-oidc-provider,
// tests/mocks/idp) on 127.0.0.1, started by the global setup before `next start`. One plays the
// `google` and the generic `oidc` provider, the other imitates Microsoft Entra ID's multi-tenant
// endpoints. Both accept any password; the accounts below are what the tests sign in as.
// GitHub and Facebook have no issuer: their local imitations (tests/mocks/social) speak GitHub's
// OAuth app and REST API and Facebook Login and the Graph API, and the server is pointed at them by
// GUESTGATE_TEST_GITHUB_ORIGIN and GUESTGATE_TEST_FACEBOOK_ORIGIN (see `imitationEnv`).
import { randomBytes } from "node:crypto";
import { startTestIdp, type TestIdp, type TestIdpAccount } from "../../mocks/idp";
import { startFacebookImitation, type FacebookAccount } from "../../mocks/social/facebook";
import { startGitHubImitation, type GitHubAccount } from "../../mocks/social/github";

/** The e2e tenant's slug (tests/e2e/fixtures/e2e-tenant.json). */
export const E2E_TENANT = "e2e";

/** The tenants-file ids of the e2e tenant's upstreams, with the Auth.js client each one uses. */
export const UPSTREAMS = {
  google: { clientId: "guestgate-e2e-google", secretEnv: "E2E_GOOGLE_CLIENT_SECRET" },
  "partner-sso": { clientId: "guestgate-e2e-partner", secretEnv: "E2E_PARTNER_CLIENT_SECRET" },
  entra: { clientId: "guestgate-e2e-entra", secretEnv: "E2E_ENTRA_CLIENT_SECRET" },
  github: { clientId: "guestgate-e2e-github", secretEnv: "E2E_GITHUB_CLIENT_SECRET" },
  facebook: { clientId: "guestgate-e2e-facebook", secretEnv: "E2E_FACEBOOK_CLIENT_SECRET" },
  "microsoft-personal": { clientId: "guestgate-e2e-msa", secretEnv: "E2E_MSA_CLIENT_SECRET" },
} as const;
export type UpstreamId = keyof typeof UPSTREAMS;

/** The directory personal Microsoft accounts sign in from (the `tid` of their tokens; Microsoft's published constant). */
export const MICROSOFT_CONSUMER_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

/** A Microsoft Entra directory id (tid) for the imitation. */
export const ENTRA_DIRECTORY = "9b1c4a52-7f0e-4c39-8d8e-2f6a1b3c5d70";

/**
 * People at the upstreams, one per test that signs in there (an identity signs up once per tenant:
 * the same person through two tests would be a returning guest in the second).
 */
export const ACCOUNTS = {
  /** google */
  ada: {
    sub: "ada-7f3c21",
    login: "ada",
    email: "ada.lovelace@analytical.example",
    email_verified: true,
    name: "Ada Lovelace",
    given_name: "Ada",
    family_name: "Lovelace",
  },
  /** partner-sso (the generic OpenID kind) */
  grace: {
    sub: "grace-0b88e4",
    login: "grace",
    email: "grace.hopper@cobol.example",
    email_verified: true,
    name: "Grace Hopper",
    given_name: "Grace",
    family_name: "Hopper",
  },
  /** entra */
  megan: {
    sub: "megan-entra-51d0",
    login: "megan",
    email: "megan.bowen@contoso.example",
    name: "Megan Bowen",
    given_name: "Megan",
    family_name: "Bowen",
    oid: "2c6a3f1e-55b1-4e0c-9a57-0d8f4b1e7a11",
  },
  /** google: opens an invitation forwarded to her, with her own (verified) address */
  eve: {
    sub: "eve-4e21b9",
    login: "eve",
    email: "eve.forwarded@elsewhere.example",
    email_verified: true,
    name: "Eve Forwarded",
    given_name: "Eve",
    family_name: "Forwarded",
  },
  /** microsoft-personal: redeems an invitation in English; the token shows the invited address verified */
  liam: {
    sub: "liam-msa-70c3",
    login: "liam",
    email: "liam.oconnor@outlook.example",
    verified_primary_email: ["liam.oconnor@outlook.example"],
    name: "Liam O’Connor",
    given_name: "Liam",
    family_name: "O’Connor",
  },
  /** microsoft-personal: redeems an invitation in Dutch */
  sanne: {
    sub: "sanne-msa-4d2a",
    login: "sanne",
    email: "sanne.bakker@outlook.example",
    verified_primary_email: ["sanne.bakker@outlook.example"],
    name: "Sanne Bakker",
    given_name: "Sanne",
    family_name: "Bakker",
  },
  /** microsoft-personal: redeems an invitation in Swedish */
  elin: {
    sub: "elin-msa-8b61",
    login: "elin",
    email: "elin.johansson@outlook.example",
    verified_primary_email: ["elin.johansson@outlook.example"],
    name: "Elin Johansson",
    given_name: "Elin",
    family_name: "Johansson",
  },
  /** microsoft-personal: redeems an invitation in French */
  lea: {
    sub: "lea-msa-19be",
    login: "lea",
    email: "lea.moreau@outlook.example",
    verified_primary_email: ["lea.moreau@outlook.example"],
    name: "Léa Moreau",
    given_name: "Léa",
    family_name: "Moreau",
  },
} satisfies Record<string, TestIdpAccount & { login: string }>;

/** People at the GitHub imitation: one whose primary address GitHub verified, one whose it has not, … */
export const GITHUB_ACCOUNTS = {
  linus: {
    id: 1024025,
    login: "linus",
    name: "Linus Example",
    publicEmail: null,
    emails: [
      { email: "linus@old-address.example", primary: false, verified: true, visibility: "private" },
      { email: "linus.example@kernel.example", primary: true, verified: true, visibility: "private" },
    ],
  },
  margaret: {
    id: 77001,
    login: "margaret",
    name: "Margaret Hamilton",
    publicEmail: "margaret@apollo.example",
    emails: [{ email: "margaret@apollo.example", primary: true, verified: false, visibility: "public" }],
  },
  /** whose result cookie a test copies and replays */
  ken: {
    id: 4242,
    login: "ken",
    name: "Ken Example",
    publicEmail: null,
    emails: [{ email: "ken@unix.example", primary: true, verified: true, visibility: "private" }],
  },
} satisfies Record<string, GitHubAccount>;

/** A person at the Facebook imitation. */
export const FACEBOOK_ACCOUNTS = {
  hedy: {
    id: "10223344556677889",
    login: "hedy",
    name: "Hedy Lamarr",
    first_name: "Hedy",
    last_name: "Lamarr",
    email: "hedy.lamarr@frequency.example",
  },
} satisfies Record<string, FacebookAccount>;

export interface RunningUpstreams {
  /** The `iss` of the google / oidc IdP's ID tokens. */
  idpIssuer: string;
  /** The Entra imitation's real issuer ({origin}/{tid}/v2.0), which its ID tokens carry. */
  entraIssuer: string;
  /** What the tenants file names as the Entra provider's issuer (the `organizations` audience). */
  entraAudienceIssuer: string;
  /** The GitHub and Facebook imitations' origins (GUESTGATE_TEST_GITHUB_ORIGIN, GUESTGATE_TEST_FACEBOOK_ORIGIN). */
  githubOrigin: string;
  facebookOrigin: string;
  /** The personal-accounts imitation's real issuer ({origin}/9188040d-…/v2.0, the consumers directory). */
  msaIssuer: string;
  /** What the tenants file names as that provider's issuer (the `consumers` audience). */
  msaAudienceIssuer: string;
  /** Client secrets by environment variable name, and the imitations' origins, for the server's environment. */
  secrets: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts both upstreams with Guestgate's Auth.js callbacks at guestgateOrigin registered. */
export async function startUpstreams(guestgateOrigin: string): Promise<RunningUpstreams> {
  const callback = (id: UpstreamId) => `${guestgateOrigin}/${E2E_TENANT}/federation/callback/${id}`;
  const secrets = Object.fromEntries(Object.values(UPSTREAMS).map((u) => [u.secretEnv, randomBytes(24).toString("base64url")]));
  const client = (id: UpstreamId) => ({
    clientId: UPSTREAMS[id].clientId,
    clientSecret: secrets[UPSTREAMS[id].secretEnv]!,
    redirectUris: [callback(id)],
  });
  const started: Array<Pick<TestIdp, "stop">> = [];
  try {
    const idp = await startTestIdp({
      clients: [client("google"), client("partner-sso")],
      accounts: [ACCOUNTS.ada, ACCOUNTS.grace, ACCOUNTS.eve],
    });
    started.push(idp);
    const entra = await startTestIdp({
      microsoftTenantId: ENTRA_DIRECTORY,
      clients: [client("entra")],
      accounts: [ACCOUNTS.megan],
    });
    started.push(entra);
    const github = await startGitHubImitation({ clients: [client("github")], accounts: Object.values(GITHUB_ACCOUNTS) });
    started.push(github);
    const facebook = await startFacebookImitation({ clients: [client("facebook")], accounts: Object.values(FACEBOOK_ACCOUNTS) });
    started.push(facebook);
    // Microsoft personal accounts: the `consumers` endpoint, whose tokens come from the consumer directory.
    const msa = await startTestIdp({
      microsoftTenantId: MICROSOFT_CONSUMER_TENANT_ID,
      clients: [client("microsoft-personal")],
      accounts: [ACCOUNTS.liam, ACCOUNTS.lea, ACCOUNTS.sanne, ACCOUNTS.elin],
    });
    started.push(msa);
    return {
      idpIssuer: idp.issuer,
      entraIssuer: entra.issuer,
      entraAudienceIssuer: entra.audienceIssuer("organizations"),
      githubOrigin: github.origin,
      facebookOrigin: facebook.origin,
      msaIssuer: msa.issuer,
      msaAudienceIssuer: msa.audienceIssuer("consumers"),
      secrets: { ...secrets, GUESTGATE_TEST_GITHUB_ORIGIN: github.origin, GUESTGATE_TEST_FACEBOOK_ORIGIN: facebook.origin },
      stop: async () => {
        await Promise.all(started.map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}
