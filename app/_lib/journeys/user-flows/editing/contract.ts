import type { Actor } from "../../../directory";
import type { Locale } from "../../../i18n";
import type { Tenant } from "../../../tenant";
import type { UserFlowEditStore } from "../store";

export type FlowDefinition = Record<string, unknown> & {
  name: string;
  identityProviders?: string[];
  attributes?: AttributeEntry[];
  overrides?: Partial<Record<string, Record<string, string>>>;
  applications?: string[];
};
/** An entry of a flow's `attributes`, as written in the file: `{ name, required?, apps?, type?, … }`. */
export type AttributeEntry = Record<string, unknown> & { name: string; required?: boolean };

export interface EditedUserFlow {
  id: string;
  name: string;
  definition: FlowDefinition;
  applications: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type CustomAttributeDataType = "string" | "boolean" | "int64";

export interface CustomAttribute {
  id: string;
  name: string;
  dataType: CustomAttributeDataType;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a Graph caller needs to know of the tenant to map ids: its providers by kind and its languages. */
export interface UserFlowTenantConfiguration {
  /** `audience` only for microsoft-entra: `consumers` is a Microsoft account (MSA) provider. */
  identityProviders: { id: string; kind: string; audience?: string }[];
  locales: readonly Locale[];
  defaultLocale: Locale;
}

export type Options = {
  correlationId?: string;
  /**
   * Optimistic concurrency for an editor that showed the flow: the `updatedAt` it read. When the
   * stored flow changed since, the edit writes nothing and is `modified` (no retry: the person
   * must see the other change first).
   */
  expectedUpdatedAt?: Date;
};

export interface UserFlowEditing {
  /** Attaches (an id) or detaches (null) the API connector a flow calls at one sign-up step. */
  setApiConnector(
    actor: Actor,
    tenantId: string,
    name: string,
    step: "postFederationSignup" | "postAttributeCollection",
    connectorId: string | null,
    options?: Options,
  ): Promise<EditedUserFlow>;
  /** Attaches (an id) or detaches (null) the custom authentication extension a flow calls at one event. */
  setCustomExtension(
    actor: Actor,
    tenantId: string,
    name: string,
    event: "onAttributeCollectionStart" | "onAttributeCollectionSubmit" | "onOtpSend",
    extensionId: string | null,
    options?: Options,
  ): Promise<EditedUserFlow>;
  tenantConfiguration(actor: Actor, tenantId: string): UserFlowTenantConfiguration;
  getFlow(actor: Actor, tenantId: string, name: string): Promise<EditedUserFlow>;
  createFlow(actor: Actor, tenantId: string, definition: FlowDefinition, options?: Options): Promise<EditedUserFlow>;
  deleteFlow(actor: Actor, tenantId: string, name: string, options?: Options): Promise<void>;
  addIdentityProvider(
    actor: Actor,
    tenantId: string,
    name: string,
    providerId: string,
    options?: Options,
  ): Promise<EditedUserFlow>;
  removeIdentityProvider(
    actor: Actor,
    tenantId: string,
    name: string,
    providerId: string,
    options?: Options,
  ): Promise<EditedUserFlow>;
  /**
   * Graph's PATCH of a flow, all or nothing: the providers it offers become exactly
   * `identityProviders`, the applications that start it exactly `applications` (one taken by
   * another flow is a conflict); what is left out stays.
   */
  updateFlow(
    actor: Actor,
    tenantId: string,
    name: string,
    changes: {
      identityProviders?: readonly string[];
      applications?: readonly string[];
      /** The approval queue's settings as the user-flows file writes them; null removes the queue. */
      signUpApproval?: Readonly<Record<string, unknown>> | null;
    },
    options?: Options,
  ): Promise<EditedUserFlow>;
  /** Appends an attribute; a custom one must be in the tenant's catalog. */
  addAttribute(actor: Actor, tenantId: string, name: string, entry: AttributeEntry, options?: Options): Promise<EditedUserFlow>;
  /**
   * Replaces the entry of `attribute` where it stands with what `change` makes of the entry as
   * stored now (inside the edit, so a concurrent change is never overwritten with a stale copy).
   */
  updateAttribute(
    actor: Actor,
    tenantId: string,
    name: string,
    attribute: string,
    change: (current: AttributeEntry) => AttributeEntry,
    options?: Options,
  ): Promise<EditedUserFlow>;
  removeAttribute(actor: Actor, tenantId: string, name: string, attribute: string, options?: Options): Promise<EditedUserFlow>;
  /** `order` must name each of the flow's attributes exactly once. */
  setAttributeOrder(
    actor: Actor,
    tenantId: string,
    name: string,
    order: readonly string[],
    options?: Options,
  ): Promise<EditedUserFlow>;
  /** The flow's overrides for `locale` become exactly `texts` (an empty object removes them). */
  putOverrides(
    actor: Actor,
    tenantId: string,
    name: string,
    locale: Locale,
    texts: Record<string, string>,
    options?: Options,
  ): Promise<EditedUserFlow>;
  listCustomAttributes(actor: Actor, tenantId: string): Promise<CustomAttribute[]>;
  getCustomAttribute(actor: Actor, tenantId: string, name: string): Promise<CustomAttribute>;
  createCustomAttribute(
    actor: Actor,
    tenantId: string,
    fields: { name: string; dataType: CustomAttributeDataType; description: string },
    options?: Options,
  ): Promise<CustomAttribute>;
  updateCustomAttributeDescription(
    actor: Actor,
    tenantId: string,
    name: string,
    description: string,
    options?: Options,
  ): Promise<CustomAttribute>;
  /** Refused (`conflict`) while a flow collects it. */
  deleteCustomAttribute(actor: Actor, tenantId: string, name: string, options?: Options): Promise<void>;
}

export type UserFlowEditErrorCode = "notFound" | "invalid" | "conflict" | "modified";

export class UserFlowEditError extends Error {
  override readonly name = "UserFlowEditError";
  constructor(
    readonly code: UserFlowEditErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.join("; ")}` : message);
  }
}

export interface UserFlowEditingPorts {
  store: UserFlowEditStore;
  tenants: { find(slug: string): Tenant | undefined };
  sourceMessages: Record<string, unknown>;
  authorize(actor: Actor, write: boolean): void;
}
