import { ConfigError } from "./errors";
import { logRequestError, tagIncomingRequests, type RequestErrorContext, type RequestErrorInfo } from "./log";
import { demoExposure } from "./env";
import { createFront, publishFront } from "./front";
import { navigationHeaders, navigationRequestOf } from "./http";
import { logger, oidc, settings, startBackgroundJobs, tenants, validateConfiguration } from "./server";

/**
 * Node-only start-up (instrumentation.ts `register`): every request gets an id for its log lines,
 * a bad configuration ends the process with the path of the bad value, and the background jobs start.
 */
export function startUp(): void {
  tagIncomingRequests();
  checkConfigurationOrExit();
  warnWhenDemoExposed();
  publishJsonFront();
  startBackgroundJobsUnlessBuilding();
  void startDemoIdpWhenPlanned();
}

/**
 * The front `npm start` puts before Next (app/_server/main.ts) for the provider's JSON endpoints
 * and its authorization endpoint, over this registry: the same `oidc().endpoints` functions the
 * route handlers call, and for the authorization endpoint the headers the proxy would add.
 */
export function publishJsonFront(): void {
  publishFront(
    createFront({
      endpoints: () => oidc().endpoints,
      plainGets: () => oidc().metadataAnswers,
      baseUrl: () => settings().GUESTGATE_BASE_URL,
      knownTenant: (tenant) => tenants().find(tenant) !== undefined,
      navigationHeaders: (request, tenant) =>
        navigationHeaders(navigationRequestOf(request), tenants().find(tenant), {
          https: settings().GUESTGATE_BASE_URL.startsWith("https:"),
          development: process.env.NODE_ENV === "development",
        }).headers,
      onError: (error) => logger().error("oidc endpoint threw", { module: "front", err: error }),
    }),
  );
}

/**
 * The quick start's demo identity provider (app/_lib/demo-idp), beside this server when the demo
 * is on. It failing to start (its port taken) costs the demo a button, never the server.
 */
export async function startDemoIdpWhenPlanned(): Promise<void> {
  if (process.env.NEXT_PHASE?.includes("build")) return;
  const holder = globalThis as { __guestgateDemoIdp?: Promise<unknown> };
  if (holder.__guestgateDemoIdp) return;
  const { planDemoIdp, DEMO_IDP_SECRET_ENV } = await import("./demo-idp");
  const { federationBasePath } = await import("./federation");
  const outcome = planDemoIdp(
    settings(),
    tenants().list(),
    process.env[DEMO_IDP_SECRET_ENV] || undefined,
    (slug, id) => `${federationBasePath(slug)}/callback/${id}`,
  );
  if ("skipped" in outcome) {
    if (outcome.skipped) logger().info(`Contoso ID (demo identity provider) not started: ${outcome.skipped}`);
    return;
  }
  const { startDemoIdp } = await import("./demo-idp");
  holder.__guestgateDemoIdp = startDemoIdp(outcome.plan.issuer, outcome.plan.clients, outcome.plan.directory).then(
    (idp) =>
      logger().info(`Contoso ID (demo identity provider) at ${idp.issuer}`, {
        issuer: idp.issuer,
        ...(idp.directoryIssuer ? { directoryIssuer: idp.directoryIssuer } : {}),
      }),
    (error: unknown) =>
      logger().warn(`Contoso ID (demo identity provider) could not start at ${outcome.plan.issuer}: ${String(error)}`),
  );
}

/** GUESTGATE_DEMO_UNSAFE_OVERRIDE let an exposed demo start: say so on every start, at warn. */
export function warnWhenDemoExposed(): void {
  const exposure = demoExposure(settings());
  if (!exposure || process.env.NEXT_PHASE?.includes("build")) return;
  logger().warn(
    `GUESTGATE_DEMO_UNSAFE_OVERRIDE: the demo application and the development outbox are on although ${exposure}. ` +
      "The outbox shows live passcodes (to browsers on this machine only). Never run this where real people sign in.",
    { exposure },
  );
}

export function checkConfigurationOrExit(): void {
  try {
    validateConfiguration();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger().error(`Guestgate cannot start: ${error.message}`, { source: error.source, problems: error.problems });
    process.exit(1);
  }
}

/** instrumentation.ts `onRequestError`: a failure Next caught, with the digest its error page shows. */
export function reportRequestError(error: unknown, request: RequestErrorInfo, context: RequestErrorContext): void {
  logRequestError(logger(), error, request, context);
}

/** `next build` loads instrumentation too (NEXT_PHASE=phase-production-build): no jobs there. */
export function startBackgroundJobsUnlessBuilding(): void {
  if (process.env.NEXT_PHASE?.includes("build")) return;
  startBackgroundJobs();
}
