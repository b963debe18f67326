import { randomUUID } from "node:crypto";
import { mayConfigure, type Actor } from "../../directory";
import { isLoopbackHost } from "./hooks";
import { certificateInfo, openSecret, sealSecret } from "./secrets";
import { runConnectorTest, type TestCallOutcome } from "./test-call";
import {
  DEFAULT_TIMEOUT_MS,
  MAX_TIMEOUT_MS,
  type ApiConnectorFields,
  type ApiConnectorRow,
  type ApiConnectorStore,
  type CertificateInfo,
  type ConnectorFailureMode,
  type ConnectorStep,
} from "./types";

export type ConnectorAuthentication =
  { type: "basic"; username: string; password: string } | { type: "certificate"; pkcs12: string; password: string };

export interface ApiConnectorInput {
  displayName?: string;
  targetUrl?: string;
  authentication?: ConnectorAuthentication;
  timeoutMs?: number;
  maxRetries?: number;
  onFailure?: ConnectorFailureMode;
}

/** A connector as every surface shows it: never its secret. */
export interface ApiConnectorView {
  id: string;
  displayName: string;
  targetUrl: string;
  authType: ApiConnectorRow["authType"];
  username: string;
  certificate: CertificateInfo | null;
  timeoutMs: number;
  maxRetries: number;
  onFailure: ConnectorFailureMode;
  createdAt: Date;
  updatedAt: Date;
}

export class ApiConnectorError extends Error {
  override readonly name = "ApiConnectorError";
  constructor(
    readonly code: "notFound" | "invalid" | "forbidden",
    message: string,
  ) {
    super(message);
  }
}

export interface ApiConnectorPorts {
  store: ApiConnectorStore;
  kek: Uint8Array | undefined;
  /** `http://` to loopback is accepted only in development and tests. */
  allowLoopbackHttp: boolean;
  /** Extra trust anchors for connectors' TLS certificates (tests with a private CA). */
  ca?: string | Buffer;
}

type Options = { correlationId?: string };

/** Entra's APIConnectors.* permissions; administrators as for user flows. */
export function mayManageApiConnectors(actor: Actor, write: boolean): boolean {
  return mayConfigure(actor, write, {
    read: ["APIConnectors.Read.All"],
    write: ["APIConnectors.ReadWrite.All"],
    roles: { read: ["globalAdministrator", "directoryReader"], write: ["globalAdministrator"] },
  });
}

export function createApiConnectorService(ports: ApiConnectorPorts) {
  const { store } = ports;
  const authorize = (actor: Actor, write: boolean) => {
    if (!mayManageApiConnectors(actor, write))
      throw new ApiConnectorError("forbidden", `${actor.type} may not manage API connectors`);
  };

  function checked(input: ApiConnectorInput, id: string, current?: ApiConnectorRow): Partial<ApiConnectorFields> {
    const fields: Partial<ApiConnectorFields> = {};
    if (input.displayName !== undefined) {
      const name = input.displayName.trim();
      if (!name || name.length > 100) throw new ApiConnectorError("invalid", "displayName must be 1–100 characters.");
      fields.displayName = name;
    }
    if (input.targetUrl !== undefined) fields.targetUrl = checkTarget(input.targetUrl, ports.allowLoopbackHttp);
    if (input.timeoutMs !== undefined) {
      if (!Number.isInteger(input.timeoutMs) || input.timeoutMs < 200 || input.timeoutMs > MAX_TIMEOUT_MS)
        throw new ApiConnectorError("invalid", `timeoutInMilliseconds must be an integer from 200 to ${MAX_TIMEOUT_MS}.`);
      fields.timeoutMs = input.timeoutMs;
    }
    if (input.maxRetries !== undefined) {
      if (input.maxRetries !== 0 && input.maxRetries !== 1)
        throw new ApiConnectorError("invalid", "maximumRetries must be 0 or 1.");
      fields.maxRetries = input.maxRetries;
    }
    if (input.onFailure !== undefined) fields.onFailure = input.onFailure;
    const auth = input.authentication;
    if (auth?.type === "basic") {
      if (!auth.username || auth.username.includes(":") || auth.username.length > 256)
        throw new ApiConnectorError("invalid", "username must be 1–256 characters without ':'.");
      if (!auth.password || auth.password.length > 256)
        throw new ApiConnectorError("invalid", "password must be 1–256 characters.");
      Object.assign(fields, {
        authType: "basic",
        username: auth.username,
        certificate: "",
        secretSealed: sealSecret(ports.kek, id, { type: "basic", password: auth.password }),
      });
    } else if (auth?.type === "certificate") {
      const info = certificateInfo(auth.pkcs12, auth.password);
      if (!info) throw new ApiConnectorError("invalid", "pkcs12Value is not a PKCS#12 bundle that opens with this password.");
      Object.assign(fields, {
        authType: "certificate",
        username: "",
        certificate: JSON.stringify(info),
        secretSealed: sealSecret(ports.kek, id, { type: "certificate", pkcs12: auth.pkcs12, password: auth.password }),
      });
    }
    void current;
    return fields;
  }

  async function requireRow(tenantId: string, id: string): Promise<ApiConnectorRow> {
    const row = await store.get(tenantId, id);
    if (!row)
      throw new ApiConnectorError(
        "notFound",
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    return row;
  }

  const auditOf = (
    tenantId: string,
    actor: Actor,
    type: string,
    id: string,
    data: Record<string, string | number | string[]>,
    options: Options,
  ) => ({
    tenantId,
    type,
    actor,
    target: { type: "apiConnector", id },
    data,
    ...(options.correlationId ? { correlationId: options.correlationId } : {}),
  });

  return {
    async list(actor: Actor, tenantId: string): Promise<ApiConnectorView[]> {
      authorize(actor, false);
      return (await store.list(tenantId)).map(viewOf);
    },
    async get(actor: Actor, tenantId: string, id: string): Promise<ApiConnectorView> {
      authorize(actor, false);
      return viewOf(await requireRow(tenantId, id));
    },
    /** Whether a connector of the tenant has this id (a flow may only name its tenant's connectors). */
    async exists(tenantId: string, id: string): Promise<boolean> {
      return (await store.get(tenantId, id)) !== null;
    },
    async create(actor: Actor, tenantId: string, input: ApiConnectorInput, options: Options = {}): Promise<ApiConnectorView> {
      authorize(actor, true);
      if (input.displayName === undefined || input.targetUrl === undefined)
        throw new ApiConnectorError("invalid", "displayName and targetUrl are required.");
      const id = randomUUID();
      const fields = checked(input, id);
      const complete: ApiConnectorFields = {
        displayName: fields.displayName!,
        targetUrl: fields.targetUrl!,
        authType: fields.authType ?? "none",
        username: fields.username ?? "",
        secretSealed: fields.secretSealed ?? "",
        certificate: fields.certificate ?? "",
        timeoutMs: fields.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxRetries: fields.maxRetries ?? 0,
        onFailure: fields.onFailure ?? "block",
      };
      return store.transaction(async (unit) => {
        const row = await unit.create(tenantId, id, complete);
        await unit.audit.append(auditOf(tenantId, actor, "apiConnector.created", id, { authType: row.authType }, options));
        return viewOf(row);
      });
    },
    async update(
      actor: Actor,
      tenantId: string,
      id: string,
      input: ApiConnectorInput,
      options: Options = {},
    ): Promise<ApiConnectorView> {
      authorize(actor, true);
      const current = await requireRow(tenantId, id);
      const fields = checked(input, id, current);
      return store.transaction(async (unit) => {
        const row = await unit.update(tenantId, id, fields);
        const changed = Object.keys(fields)
          .map((name) => (name === "secretSealed" ? "secret" : name))
          .sort();
        await unit.audit.append(auditOf(tenantId, actor, "apiConnector.updated", id, { changed }, options));
        return viewOf(row);
      });
    },
    /**
     * "Send a test call": the sample request of `step` in `locale` through the journey's HTTP
     * machinery, read as the journey reads it; audited `apiConnector.tested` with the actor (the
     * outcome's names and reason, never values). Needs write access: it calls out with the secret.
     */
    async testCall(
      actor: Actor,
      tenantId: string,
      id: string,
      input: { step: ConnectorStep; locale: string },
      options: Options = {},
    ): Promise<TestCallOutcome> {
      authorize(actor, true);
      const row = await requireRow(tenantId, id);
      const outcome = await runConnectorTest({
        targetUrl: row.targetUrl,
        username: row.username,
        timeoutMs: row.timeoutMs,
        maxRetries: row.maxRetries,
        step: input.step,
        locale: input.locale,
        allowLoopbackHttp: ports.allowLoopbackHttp,
        openSecret: () => openSecret(ports.kek, row),
        ...(ports.ca ? { ca: ports.ca } : {}),
      });
      await store.transaction((unit) =>
        unit.audit.append(auditOf(tenantId, actor, "apiConnector.tested", id, testAuditData(input.step, outcome), options)),
      );
      return outcome;
    },
    async remove(actor: Actor, tenantId: string, id: string, options: Options = {}): Promise<void> {
      authorize(actor, true);
      await requireRow(tenantId, id);
      await store.transaction(async (unit) => {
        await unit.remove(tenantId, id);
        await unit.audit.append(auditOf(tenantId, actor, "apiConnector.deleted", id, {}, options));
      });
    },
  };
}

export type ApiConnectorService = ReturnType<typeof createApiConnectorService>;

function checkTarget(targetUrl: string, allowLoopbackHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    throw new ApiConnectorError("invalid", "targetUrl must be an absolute URL.");
  }
  if (url.username || url.password) throw new ApiConnectorError("invalid", "targetUrl must not carry credentials.");
  if (url.protocol === "https:") return url.toString();
  if (url.protocol === "http:" && allowLoopbackHttp && isLoopbackHost(url.hostname)) return url.toString();
  throw new ApiConnectorError("invalid", "targetUrl must be https (http only to loopback in development).");
}

function viewOf(row: ApiConnectorRow): ApiConnectorView {
  let certificate: CertificateInfo | null = null;
  try {
    certificate = row.certificate ? (JSON.parse(row.certificate) as CertificateInfo) : null;
  } catch {
    certificate = null;
  }
  return {
    id: row.id,
    displayName: row.displayName,
    targetUrl: row.targetUrl,
    authType: row.authType,
    username: row.username,
    certificate,
    timeoutMs: row.timeoutMs,
    maxRetries: row.maxRetries,
    onFailure: row.onFailure,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What a test call's audit event keeps: the outcome, its timing and names, never a value or a message. */
export function testAuditData(step: string, outcome: TestCallOutcome): Record<string, string | number | string[]> {
  return {
    step,
    outcome: outcome.outcome,
    durationMs: outcome.durationMs,
    attempts: outcome.attempts,
    ...(outcome.httpStatus ? { httpStatus: outcome.httpStatus } : {}),
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outcome.names?.length ? { names: outcome.names } : {}),
  };
}
