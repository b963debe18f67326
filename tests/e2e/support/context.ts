// What the e2e global setup hands to the tests (vitest provide/inject). Types only: the global
// setup imports this in vitest's main process.
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** http://localhost:PORT of the server the suite runs against: what `npm start` runs (app/_server/main.ts). */
    baseURL: string;
    /** The seeded SQLite database that server uses. */
    databaseUrl: string;
    /** The tenants file that server was started with (absolute path). */
    tenantsConfigPath: string;
    /** Where the SMTP server the app sends to (SMTP_URL) leaves each message it accepts (support/mailbox.ts). */
    mailDir: string;
    /** The `iss` of the test OpenID provider behind the e2e tenant's `google` and `partner-sso` upstreams. */
    idpIssuer: string;
    /** The `iss` of the Microsoft Entra imitation behind the e2e tenant's `entra` upstream. */
    entraIssuer: string;
    /** The origins of the GitHub and Facebook imitations behind the e2e tenant's `github` and `facebook` upstreams. */
    githubOrigin: string;
    facebookOrigin: string;
    /** The `iss` of the Microsoft personal-accounts imitation behind the e2e tenant's `microsoft-personal` upstream. */
    msaIssuer: string;
    /** The server's environment, for running the operator CLI against the same database and tenants. */
    cliEnv: Record<string, string>;
  }
}
