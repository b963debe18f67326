// What the e2e global setup hands to the tests (vitest provide/inject). Types only: the global
// setup imports this in vitest's main process.
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** http://localhost:PORT of the `next start` the suite runs against. */
    baseURL: string;
    /** The seeded SQLite database that server uses. */
    databaseUrl: string;
    /** The tenants file that server was started with (absolute path). */
    tenantsConfigPath: string;
  }
}
