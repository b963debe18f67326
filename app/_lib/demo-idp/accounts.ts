// The people of "Contoso ID", the quick start's demo identity provider. Fictional, fixed, and the
// same password for everyone: the login page prints them, since the point is to show federation,
// not to guard anything. Subjects are opaque and stable (OIDC Core §2: `sub` never reassigned), so a
// guest who signs up twice is recognised by (issuer, sub), not by e-mail.
import { createHash, timingSafeEqual } from "node:crypto";

export interface DemoAccount {
  sub: string;
  login: string;
  email: string;
  name: string;
  given_name: string;
  family_name: string;
}

export const DEMO_IDP_PASSWORD = "contoso";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    sub: "c0a8e3d2-5b1f-4e6a-9d7c-2f4b6a8c0e11",
    login: "adele@contoso.example",
    email: "adele@contoso.example",
    name: "Adele Vance",
    given_name: "Adele",
    family_name: "Vance",
  },
  {
    sub: "7e19b4a6-3c2d-4f58-8a0b-1d6e9c3f5a22",
    login: "lidia@contoso.example",
    email: "lidia@contoso.example",
    name: "Lidia Holloway",
    given_name: "Lidia",
    family_name: "Holloway",
  },
  {
    sub: "4b7d2e9f-8a1c-4d36-b5e0-6c3a9f1d7b33",
    login: "nestor@contoso.example",
    email: "nestor@contoso.example",
    name: "Nestor Wilke",
    given_name: "Nestor",
    family_name: "Wilke",
  },
];

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** The account for a login name and password, or undefined; the password compared in constant time. */
export function authenticate(login: string, password: string): DemoAccount | undefined {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.login === login.trim().toLowerCase());
  const matches = timingSafeEqual(digest(password), digest(DEMO_IDP_PASSWORD));
  return account && matches ? account : undefined;
}
