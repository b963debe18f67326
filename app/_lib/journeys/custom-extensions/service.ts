import { randomUUID } from "node:crypto";
import { mayConfigure, type Actor } from "../../directory";
import { isLoopbackHost } from "../api-connectors/hooks";
import { testAuditData } from "../api-connectors/service";
import type { TestCallOutcome } from "../api-connectors/test-call";
import { runExtensionTest } from "./test-call";
import { CONNECTOR_FAILURE_MODES, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, type ConnectorFailureMode } from "../api-connectors/types";
import {
  EXTENSION_EVENTS,
  MIN_EXTENSION_TIMEOUT_MS,
  type CustomExtensionFields,
  type CustomExtensionRow,
  type CustomExtensionStore,
  type EventListenerRow,
  type ExtensionEvent,
} from "./types";

export interface CustomExtensionInput {
  eventType?: ExtensionEvent;
  displayName?: string;
  description?: string;
  targetUrl?: string;
  resourceId?: string;
  timeoutMs?: number;
  maxRetries?: number;
  onFailure?: ConnectorFailureMode;
  tokenClaims?: string[];
}

export interface EventListenerInput {
  extensionId?: string;
  appIds?: string[];
}

export class CustomExtensionError extends Error {
  override readonly name = "CustomExtensionError";
  constructor(
    readonly code: "notFound" | "invalid" | "forbidden",
    message: string,
  ) {
    super(message);
  }
}

export interface CustomExtensionPorts {
  store: CustomExtensionStore;
  /** `http://` to loopback is accepted only in development and tests. */
  allowLoopbackHttp: boolean;
  /** For a test call: an app-only token of the tenant for the extension's audience, as real calls carry. */
  bearerToken?(tenantId: string, audience: string): Promise<string>;
  /** The tenant's GUID (Entra's `tenantId` in the envelope). */
  tenantGuid?(tenantId: string): string;
  /** Extra trust anchors for extensions' TLS certificates (tests with a private CA). */
  ca?: string | Buffer;
}

type Options = { correlationId?: string };

/** Entra's CustomAuthenticationExtension.* permissions; administrators as for user flows. */
export function mayManageCustomExtensions(actor: Actor, write: boolean): boolean {
  return mayConfigure(actor, write, {
    read: ["CustomAuthenticationExtension.Read.All"],
    write: ["CustomAuthenticationExtension.ReadWrite.All"],
    roles: { read: ["globalAdministrator", "directoryReader"], write: ["globalAdministrator"] },
  });
}

/** Entra's EventListener.* permissions for authenticationEventListeners. */
export function mayManageEventListeners(actor: Actor, write: boolean): boolean {
  return mayConfigure(actor, write, {
    read: ["EventListener.Read.All"],
    write: ["EventListener.ReadWrite.All"],
    roles: { read: ["globalAdministrator", "directoryReader"], write: ["globalAdministrator"] },
  });
}

const notFound = (id: string) =>
  new CustomExtensionError(
    "notFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
const invalid = (message: string) => new CustomExtensionError("invalid", message);
const CLAIM_ID = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

/**
 * Registering custom authentication extensions (Graph identity/customAuthenticationExtensions) and
 * the listeners that attach token issuance to applications (identity/authenticationEventListeners),
 * with Entra's rules (contract §6.2–6.3): https targets, resourceId `api://{target host}/{appId}`,
 * a 200–2,000 ms timeout and 0 or 1 retry. Every change is audited with its actor.
 */
export function createCustomExtensionService(ports: CustomExtensionPorts) {
  const { store } = ports;
  const authorize = (actor: Actor, write: boolean, listeners = false) => {
    if (!(listeners ? mayManageEventListeners : mayManageCustomExtensions)(actor, write))
      throw new CustomExtensionError(
        "forbidden",
        `${actor.type} may not manage ${listeners ? "event listeners" : "custom extensions"}`,
      );
  };

  function checked(input: CustomExtensionInput, current?: CustomExtensionRow): Partial<CustomExtensionFields> {
    const fields: Partial<CustomExtensionFields> = {};
    if (input.eventType !== undefined) {
      if (!EXTENSION_EVENTS.includes(input.eventType)) throw invalid("Unknown custom extension type.");
      if (current && current.eventType !== input.eventType) throw invalid("A custom extension's @odata.type cannot change.");
      fields.eventType = input.eventType;
    }
    if (input.displayName !== undefined) {
      const name = input.displayName.trim();
      if (!name || name.length > 100) throw invalid("displayName must be 1–100 characters.");
      fields.displayName = name;
    }
    if (input.description !== undefined) {
      if (input.description.length > 1024) throw invalid("description must be at most 1,024 characters.");
      fields.description = input.description;
    }
    if (input.targetUrl !== undefined) fields.targetUrl = checkTarget(input.targetUrl, ports.allowLoopbackHttp);
    if (input.resourceId !== undefined) fields.resourceId = input.resourceId.trim();
    if (input.timeoutMs !== undefined) {
      if (!Number.isInteger(input.timeoutMs) || input.timeoutMs < MIN_EXTENSION_TIMEOUT_MS || input.timeoutMs > MAX_TIMEOUT_MS)
        throw invalid(`timeoutInMilliseconds must be an integer from ${MIN_EXTENSION_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}.`);
      fields.timeoutMs = input.timeoutMs;
    }
    if (input.maxRetries !== undefined) {
      if (input.maxRetries !== 0 && input.maxRetries !== 1) throw invalid("maximumRetries must be 0 or 1.");
      fields.maxRetries = input.maxRetries;
    }
    if (input.onFailure !== undefined) {
      if (!CONNECTOR_FAILURE_MODES.includes(input.onFailure)) throw invalid("behaviorOnError must be block or continue.");
      fields.onFailure = input.onFailure;
    }
    const eventType = fields.eventType ?? current?.eventType;
    if (input.tokenClaims !== undefined) {
      if (eventType !== "onTokenIssuanceStart") throw invalid("claimsForTokenConfiguration is for token issuance only.");
      if (input.tokenClaims.length > 50 || input.tokenClaims.some((c) => !CLAIM_ID.test(c)))
        throw invalid("claimsForTokenConfiguration: at most 50 claim ids of letters, digits, '_', '.' and '-'.");
      fields.tokenClaims = [...new Set(input.tokenClaims)];
    }
    // Entra's 1003014/1003015: api://{fqdn}/{appId}, the fqdn the target's host.
    const targetUrl = fields.targetUrl ?? current?.targetUrl;
    const resourceId = fields.resourceId ?? current?.resourceId;
    if ((fields.targetUrl || fields.resourceId !== undefined) && targetUrl && resourceId !== undefined) {
      const match = /^api:\/\/([^/]+)\/([A-Za-z0-9-]{1,64})$/.exec(resourceId);
      if (!match) throw invalid("authenticationConfiguration.resourceId must be api://{host of targetUrl}/{appId}.");
      if (match[1]!.toLowerCase() !== new URL(targetUrl).hostname.toLowerCase())
        throw invalid("authenticationConfiguration.resourceId's host must be the targetUrl's host.");
    }
    return fields;
  }

  const requireRow = async (tenantId: string, id: string) => {
    const row = await store.get(tenantId, id);
    if (!row) throw notFound(id);
    return row;
  };
  const requireListener = async (tenantId: string, id: string) => {
    const row = await store.listener(tenantId, id);
    if (!row) throw notFound(id);
    return row;
  };

  const auditOf = (
    tenantId: string,
    actor: Actor,
    type: string,
    target: { type: string; id: string },
    data: Record<string, string | number | string[]>,
    options: Options,
  ) => ({ tenantId, type, actor, target, data, ...(options.correlationId ? { correlationId: options.correlationId } : {}) });
  const extensionTarget = (id: string) => ({ type: "customAuthenticationExtension", id });
  const listenerTarget = (id: string) => ({ type: "authenticationEventListener", id });

  async function checkedListener(tenantId: string, input: EventListenerInput): Promise<Partial<EventListenerRow>> {
    const fields: Partial<EventListenerRow> = {};
    if (input.extensionId !== undefined) {
      const extension = await store.get(tenantId, input.extensionId);
      // Another tenant's extension reads as one that does not exist.
      if (!extension) throw invalid(`customExtension '${input.extensionId}' does not exist.`);
      if (extension.eventType !== "onTokenIssuanceStart")
        throw invalid("An onTokenIssuanceStartListener needs an onTokenIssuanceStartCustomExtension.");
      fields.extensionId = extension.id;
    }
    if (input.appIds !== undefined) {
      const appIds = [...new Set(input.appIds.map((a) => a.trim()))];
      if (appIds.length > 100 || appIds.some((a) => !a || a.length > 255))
        throw invalid("includeApplications: at most 100 application ids.");
      fields.appIds = appIds;
    }
    return fields;
  }

  return {
    async list(actor: Actor, tenantId: string): Promise<CustomExtensionRow[]> {
      authorize(actor, false);
      return store.list(tenantId);
    },
    async get(actor: Actor, tenantId: string, id: string): Promise<CustomExtensionRow> {
      authorize(actor, false);
      return requireRow(tenantId, id);
    },
    /** Whether an extension of the tenant has this id and event (a flow may only name its tenant's). */
    async exists(tenantId: string, id: string, eventType?: ExtensionEvent): Promise<boolean> {
      const row = await store.get(tenantId, id);
      return row !== null && (!eventType || row.eventType === eventType);
    },
    async create(actor: Actor, tenantId: string, input: CustomExtensionInput, options: Options = {}) {
      authorize(actor, true);
      if (!input.eventType || input.displayName === undefined || input.targetUrl === undefined || input.resourceId === undefined)
        throw invalid(
          "@odata.type, displayName, endpointConfiguration.targetUrl and authenticationConfiguration.resourceId are required.",
        );
      const fields = checked(input);
      const complete: CustomExtensionFields = {
        eventType: fields.eventType!,
        displayName: fields.displayName!,
        description: fields.description ?? "",
        targetUrl: fields.targetUrl!,
        resourceId: fields.resourceId!,
        timeoutMs: fields.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxRetries: fields.maxRetries ?? 0,
        onFailure: fields.onFailure ?? "block",
        tokenClaims: fields.tokenClaims ?? [],
      };
      const id = randomUUID();
      return store.transaction(async (unit) => {
        const row = await unit.create(tenantId, id, complete);
        await unit.audit.append(
          auditOf(tenantId, actor, "customExtension.created", extensionTarget(id), { eventType: row.eventType }, options),
        );
        return row;
      });
    },
    async update(actor: Actor, tenantId: string, id: string, input: CustomExtensionInput, options: Options = {}) {
      authorize(actor, true);
      const current = await requireRow(tenantId, id);
      const fields = checked(input, current);
      return store.transaction(async (unit) => {
        const row = await unit.update(tenantId, id, fields);
        const changed = Object.keys(fields).sort();
        await unit.audit.append(auditOf(tenantId, actor, "customExtension.updated", extensionTarget(id), { changed }, options));
        return row;
      });
    },
    /**
     * "Send a test call": the event's envelope with a sample person in `locale`, with Guestgate's own
     * bearer token, through the journey's HTTP machinery; audited `customExtension.tested` with the actor.
     */
    async testCall(
      actor: Actor,
      tenantId: string,
      id: string,
      input: { locale: string },
      options: Options = {},
    ): Promise<TestCallOutcome> {
      authorize(actor, true);
      const row = await requireRow(tenantId, id);
      const bearerToken = ports.bearerToken;
      const outcome = await runExtensionTest({
        row,
        tenantId,
        tenantGuid: ports.tenantGuid?.(tenantId) ?? tenantId,
        locale: input.locale,
        allowLoopbackHttp: ports.allowLoopbackHttp,
        bearerToken: (audience) =>
          bearerToken ? bearerToken(tenantId, audience) : Promise.reject(new Error("no token issuer wired")),
        ...(ports.ca ? { ca: ports.ca } : {}),
      });
      await store.transaction((unit) =>
        unit.audit.append(
          auditOf(tenantId, actor, "customExtension.tested", extensionTarget(id), testAuditData(row.eventType, outcome), options),
        ),
      );
      return outcome;
    },
    async remove(actor: Actor, tenantId: string, id: string, options: Options = {}): Promise<void> {
      authorize(actor, true);
      await requireRow(tenantId, id);
      if ((await store.listeners(tenantId)).some((l) => l.extensionId === id))
        throw invalid("An authenticationEventListener still uses this custom extension: delete the listener first.");
      await store.transaction(async (unit) => {
        await unit.remove(tenantId, id);
        await unit.audit.append(auditOf(tenantId, actor, "customExtension.deleted", extensionTarget(id), {}, options));
      });
    },

    listeners: {
      async list(actor: Actor, tenantId: string): Promise<EventListenerRow[]> {
        authorize(actor, false, true);
        return store.listeners(tenantId);
      },
      async get(actor: Actor, tenantId: string, id: string): Promise<EventListenerRow> {
        authorize(actor, false, true);
        return requireListener(tenantId, id);
      },
      async create(actor: Actor, tenantId: string, input: EventListenerInput, options: Options = {}) {
        authorize(actor, true, true);
        if (input.extensionId === undefined) throw invalid("handler.customExtension.id is required.");
        const fields = await checkedListener(tenantId, input);
        const id = randomUUID();
        return store.transaction(async (unit) => {
          const row = await unit.createListener(tenantId, id, { extensionId: fields.extensionId!, appIds: fields.appIds ?? [] });
          await unit.audit.append(
            auditOf(
              tenantId,
              actor,
              "eventListener.created",
              listenerTarget(id),
              { extension: row.extensionId, appIds: row.appIds },
              options,
            ),
          );
          return row;
        });
      },
      async update(actor: Actor, tenantId: string, id: string, input: EventListenerInput, options: Options = {}) {
        authorize(actor, true, true);
        await requireListener(tenantId, id);
        const fields = await checkedListener(tenantId, input);
        return store.transaction(async (unit) => {
          const row = await unit.updateListener(tenantId, id, fields);
          await unit.audit.append(
            auditOf(
              tenantId,
              actor,
              "eventListener.updated",
              listenerTarget(id),
              { changed: Object.keys(fields).sort() },
              options,
            ),
          );
          return row;
        });
      },
      async remove(actor: Actor, tenantId: string, id: string, options: Options = {}): Promise<void> {
        authorize(actor, true, true);
        await requireListener(tenantId, id);
        await store.transaction(async (unit) => {
          await unit.removeListener(tenantId, id);
          await unit.audit.append(auditOf(tenantId, actor, "eventListener.deleted", listenerTarget(id), {}, options));
        });
      },
    },
  };
}

export type CustomExtensionService = ReturnType<typeof createCustomExtensionService>;

function checkTarget(targetUrl: string, allowLoopbackHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    throw invalid("targetUrl must be an absolute URL.");
  }
  if (url.username || url.password) throw invalid("targetUrl must not carry credentials.");
  if (url.protocol === "https:") return url.toString();
  if (url.protocol === "http:" && allowLoopbackHttp && isLoopbackHost(url.hostname)) return url.toString();
  throw invalid("targetUrl must be https (http only to loopback in development).");
}
