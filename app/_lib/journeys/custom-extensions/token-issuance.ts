import { runExtension, type ExtensionCallPorts } from "./call";
import type { CustomExtensionRow, EventListenerRow } from "./types";

export interface TokenIssuancePorts extends ExtensionCallPorts {
  listeners(tenantId: string): Promise<EventListenerRow[]>;
  extension(tenantId: string, id: string): Promise<CustomExtensionRow | null>;
  tenantGuid(tenantId: string): string;
  applicationName?(tenantId: string, clientId: string): Promise<string | undefined>;
}

/** The signed-in person as `authenticationContext.user` (contract §6.2): Graph user property names. */
export interface TokenIssuanceUser {
  id: string;
  displayName: string | null;
  email: string | null;
  userType?: "Guest" | "Member";
  attributes: Record<string, unknown>;
}

export type TokenIssuanceResult = { claims: Record<string, string | string[]> } | { refused: string };

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);

/**
 * OnTokenIssuanceStart for the applications a listener names: on every token for them (sign-in
 * and refresh alike), never cached past the token. Only claim ids the extension's
 * claimsForTokenConfiguration lists are kept (as Entra emits only mapped claims); the OpenID
 * provider then refuses to let any of them replace a protected claim. A failure takes the
 * extension's path: "continue" issues the token without them, "block" refuses it.
 */
export function tokenIssuanceClaims(ports: TokenIssuancePorts) {
  return async (
    tenantId: string,
    clientId: string,
    user: TokenIssuanceUser,
    correlationId: string,
  ): Promise<TokenIssuanceResult> => {
    const listeners = (await ports.listeners(tenantId)).filter((l) => l.appIds.includes(clientId));
    const claims: Record<string, string | string[]> = {};
    for (const listener of listeners) {
      const row = await ports.extension(tenantId, listener.extensionId);
      const answer = await runExtension(ports, {
        tenantId,
        extensionId: listener.extensionId,
        row,
        event: "onTokenIssuanceStart",
        attachedTo: listener.id,
        envelope: {
          tenantGuid: ports.tenantGuid(tenantId),
          listenerId: listener.id,
          correlationId,
          clientId,
          applicationName: (await ports.applicationName?.(tenantId, clientId)) ?? clientId,
          clientIp: "",
          locale: text(user.attributes.preferredLanguage) ?? "",
        },
        data: { user: graphUser(user) },
      });
      if (answer.action === "claims") {
        const wanted = new Set(row?.tokenClaims ?? []);
        // Claim ids are case-sensitive (contract §6.2).
        for (const [id, value] of Object.entries(answer.claims)) if (wanted.has(id)) claims[id] = value;
      } else if (row?.onFailure !== "continue") return { refused: listener.extensionId };
    }
    return { claims };
  };
}

function graphUser(user: TokenIssuanceUser): Record<string, unknown> {
  const a = user.attributes;
  return Object.fromEntries(
    Object.entries({
      id: user.id,
      displayName: user.displayName ?? undefined,
      mail: user.email ?? undefined,
      userPrincipalName: user.email ?? undefined,
      userType: user.userType ?? "Guest",
      givenName: text(a.givenName),
      surname: text(a.surname),
      companyName: text(a.companyName),
      preferredLanguage: text(a.preferredLanguage),
    }).filter(([, v]) => v !== undefined),
  );
}
