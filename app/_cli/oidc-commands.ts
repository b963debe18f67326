import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { ConfigError } from "../_lib/errors";
import type { SystemActor } from "../_lib/directory";
import {
  isApplicationDirectoryError,
  isRegistrationError,
  MANAGEMENT_PERMISSIONS,
  type ClientType,
  type LocalizedNames,
} from "../_lib/oidc";
import { closeServices, services } from "../_lib/server";

/**
 * `app …` and `keys …`: applications (OAuth clients) and signing keys of a tenant. Secrets are
 * printed once, here, and stored only as hashes.
 */
type Command = { summary: string; run(args: string[]): Promise<void> };

/** The operator at the command line: every change below is audited with this actor. */
const CLI: SystemActor = { type: "system", name: "cli" };

const usage = (text: string) => new ConfigError("the command line", [text]);

/** parseArgs, with unknown or malformed options reported as usage errors rather than stack traces. */
function options<const T extends ParseArgsOptionsConfig>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usage((error as Error).message);
  }
}

function tenantArg(value: string | undefined): string {
  if (!value) throw usage("--tenant SLUG is required");
  if (!services().tenants.find(value)) throw new ConfigError("--tenant", [`no tenant "${value}" in the tenants file`]);
  return value;
}

/** Closes the services so the process can exit; registration problems become readable errors. */
async function withDatabase(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isRegistrationError(error)) throw new ConfigError("the application", error.problems);
    if (isApplicationDirectoryError(error)) throw new ConfigError("the application", [error.message]);
    if (error instanceof Error && error.name === "KeyEncryptionError") throw new ConfigError("the environment", [error.message]);
    throw error;
  } finally {
    await closeServices();
  }
}

const APP_USAGE = `app create --tenant SLUG --name NAME --type public|confidential --redirect-uri URI... [--post-logout-redirect-uri URI...] [--grant TYPE...] [--permission NAME...] [--client-id GUID] [--claims-by-scope] [--localized-name LANG=NAME...]
  app claims --tenant SLUG --client-id GUID --by-scope|--by-flow   (which profile data tokens carry; docs/INTEGRATION.md)
  app add-secret --tenant SLUG --client-id GUID [--days N]
  app grant --tenant SLUG --client-id GUID --permission NAME [--permission NAME...]
  permissions: ${MANAGEMENT_PERMISSIONS.join(", ")}
  app list --tenant SLUG`;

/** `--localized-name nl=Naam` (repeatable): the application's name on pages in that language. */
function localizedNamesArg(values: readonly string[]): LocalizedNames {
  const names: Record<string, string> = {};
  for (const value of values) {
    const separator = value.indexOf("=");
    if (separator < 1) throw usage(`--localized-name ${value}: LANG=NAME, e.g. nl="Woodgrove-app"`);
    names[value.slice(0, separator)] = value.slice(separator + 1);
  }
  // The languages and lengths are the registration's to check (it names a wrong key in its error).
  return names as LocalizedNames;
}

async function appCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const values = options(rest, {
    tenant: { type: "string" },
    name: { type: "string" },
    type: { type: "string" },
    "redirect-uri": { type: "string", multiple: true },
    "post-logout-redirect-uri": { type: "string", multiple: true },
    grant: { type: "string", multiple: true },
    permission: { type: "string", multiple: true },
    "client-id": { type: "string" },
    days: { type: "string" },
    "claims-by-scope": { type: "boolean" },
    "localized-name": { type: "string", multiple: true },
    "by-scope": { type: "boolean" },
    "by-flow": { type: "boolean" },
  });
  const tenant = tenantArg(values.tenant);
  const { oidc } = services();
  const applications = oidc.administration;
  if (sub === "create") {
    if (!values.name) throw usage("--name is required");
    if (values.type !== "public" && values.type !== "confidential") throw usage("--type public|confidential is required");
    await withDatabase(async () => {
      const { application, secret } = await applications.register(CLI, {
        tenantId: tenant,
        name: values.name!,
        clientType: values.type as ClientType,
        redirectUris: values["redirect-uri"] ?? [],
        postLogoutRedirectUris: values["post-logout-redirect-uri"] ?? [],
        ...(values.grant ? { grantTypes: values.grant } : {}),
        permissions: values.permission ?? [],
        ...(values["client-id"] ? { clientId: values["client-id"] } : {}),
        ...(values["claims-by-scope"] ? { claimsByScope: true } : {}),
        ...(values["localized-name"] ? { localizedDisplayNames: localizedNamesArg(values["localized-name"]) } : {}),
      });
      console.log(`created ${application.clientType} application "${application.name}" in ${tenant}`);
      console.log(`client id:     ${application.clientId}`);
      console.log(`issuer:        ${oidc.urls(tenant).issuer}`);
      if (secret) {
        console.log(`client secret: ${secret.secret}`);
        console.log(`               (shown once: only a hash is stored; expires ${secret.expiresAt.toISOString()})`);
      }
    });
  } else if (sub === "add-secret") {
    const clientId = values["client-id"];
    if (!clientId) throw usage("--client-id is required");
    const days = values.days ? Number(values.days) : 365;
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw usage("--days: a whole number from 1 to 3650");
    await withDatabase(async () => {
      const secret = await applications.addSecret(CLI, tenant, clientId, days * 24 * 3600);
      console.log(`client secret: ${secret.secret}`);
      console.log(
        `               (shown once; hint ${secret.hint}…; expires ${secret.expiresAt.toISOString()}; older secrets keep working until they expire)`,
      );
    });
  } else if (sub === "grant") {
    const clientId = values["client-id"];
    if (!clientId) throw usage("--client-id is required");
    if (!values.permission?.length) throw usage("--permission NAME is required (once or more)");
    await withDatabase(async () => {
      // Adds to what the application holds; the change is audited as application.updated by the CLI.
      const directory = services().applications;
      const app = await directory.get(CLI, tenant, { appId: clientId });
      const permissions = [...new Set([...app.permissions, ...values.permission!])];
      await directory.update(CLI, tenant, { appId: clientId }, { permissions });
      console.log(`${clientId} now holds: ${permissions.join(", ")}`);
    });
  } else if (sub === "claims") {
    const clientId = values["client-id"];
    if (!clientId) throw usage("--client-id is required");
    if (values["by-scope"] === values["by-flow"]) throw usage("one of --by-scope or --by-flow");
    await withDatabase(async () => {
      // Audited as application.updated by the CLI, like every other change of an application.
      await services().applications.update(CLI, tenant, { appId: clientId }, { claimsByScope: !!values["by-scope"] });
      console.log(
        values["by-scope"]
          ? `${clientId}: profile data only for the OIDC scopes asked (profile, email, address, phone)`
          : `${clientId}: the user flow's token claims whatever the scope (Entra's behaviour)`,
      );
    });
  } else if (sub === "list") {
    await withDatabase(async () => {
      const apps = await applications.list(CLI, tenant);
      if (apps.length === 0) console.log(`no applications in ${tenant}`);
      for (const app of apps) {
        console.log(`${app.clientId}  ${app.clientType.padEnd(12)} ${app.name}`);
        console.log(`    grants:       ${app.grantTypes.join(", ") || "-"}`);
        console.log(`    redirect:     ${app.redirectUris.join(" ") || "-"}`);
        if (app.postLogoutRedirectUris.length) console.log(`    post-logout:  ${app.postLogoutRedirectUris.join(" ")}`);
        if (app.permissions.length) console.log(`    permissions:  ${app.permissions.join(", ")}`);
        console.log(`    claims:       ${app.claimsByScope ? "by scope" : "by user flow"}`);
        for (const [locale, name] of Object.entries(app.localizedDisplayNames ?? {}))
          console.log(`    name (${locale}):    ${name}`);
        for (const s of app.secrets)
          console.log(
            `    secret ${s.hint}…  expires ${s.expiresAt.toISOString()}${s.expiresAt < new Date() ? " (expired)" : ""}`,
          );
      }
    });
  } else {
    throw usage(APP_USAGE);
  }
}

async function keysCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const values = options(rest, { tenant: { type: "string" } });
  if (sub !== "rotate") throw usage("keys rotate --tenant SLUG");
  const tenant = tenantArg(values.tenant);
  await withDatabase(async () => {
    for (const key of await services().oidc.administration.rotateKeys(CLI, tenant))
      console.log(`${tenant}: new active ${key.alg} key ${key.kid}`);
    console.log("previous keys stay published in the JWKS for 7 days, so tokens signed with them still verify");
  });
}

export const oidcCommands: Record<string, Command> = {
  app: { summary: "applications (OAuth clients): app create | add-secret | grant | list --tenant SLUG …", run: appCommand },
  keys: { summary: "signing keys: keys rotate --tenant SLUG", run: keysCommand },
};
