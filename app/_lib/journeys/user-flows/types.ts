import type { AttributeDefinition } from "../../directory";
import type { Locale } from "../../i18n";

/** One attribute as a user flow asks for it. */
export interface FlowAttribute {
  readonly definition: AttributeDefinition;
  readonly required: boolean;
  /** Client ids of the apps this attribute is asked for; absent: every app of the flow. */
  readonly apps?: readonly string[];
}

/** A validated user flow, built-ins resolved: what the journey engine, the pages and the token builder read. */
export interface UserFlow {
  /** The flow's id in URLs and logs; stable. */
  readonly name: string;
  readonly displayName: string;
  readonly enabled: boolean;
  /** False makes the flow sign-in only (existing and invited guests); see userFlowAccess. */
  readonly signUpAllowed: boolean;
  readonly identityProviders: readonly string[];
  /** The country national phone numbers, postal codes and business numbers are read for when the guest gives none. */
  readonly defaultCountry?: string;
  readonly attributes: readonly FlowAttribute[];
  /** Attribute names whose values become ID-token claims, in this order. */
  readonly tokenClaims: readonly string[];
  /** Per-language texts replacing messages, keyed by message key (`"attributes.labels.givenName"`). */
  readonly overrides: Partial<Record<Locale, Readonly<Record<string, string>>>>;
  /** Client ids of the apps that start this flow; an app is in at most one flow of its tenant. */
  readonly applications: readonly string[];
  /** Sign-up only: domains this flow admits or refuses, on top of the tenant's `signUpProtection`. */
  readonly signUpDomains?: { readonly allowed?: readonly string[]; readonly blocked?: readonly string[] };
  /** Present: new self-service guests wait as `pendingApproval` until an approver decides (see SignUpApprovalSettings). */
  readonly signUpApproval?: SignUpApprovalSettings;
  /** Present: the person accepts this version of the terms and privacy statement (stored with the time, audited, a claim). */
  readonly termsAcceptance?: TermsAcceptanceSettings;
  /** API connectors by step (Entra's `apiConnectorConfiguration`): connector ids, called on sign-up only. */
  readonly apiConnectors?: { readonly postFederationSignup?: string; readonly postAttributeCollection?: string };
  /**
   * Custom authentication extensions by event (Graph: `guestgateCustomAuthenticationExtensions`):
   * ids of `identity/customAuthenticationExtensions`; the attribute events on sign-up only.
   */
  readonly customAuthenticationExtensions?: {
    readonly onAttributeCollectionStart?: string;
    readonly onAttributeCollectionSubmit?: string;
    readonly onOtpSend?: string;
  };
}

/** A flow's approval queue: who is admitted at once, when an undecided request lapses, who decides. */
export interface SignUpApprovalSettings {
  /** E-mail domains (lower-case) whose verified addresses are approved without waiting. */
  readonly autoApproveDomains: readonly string[];
  /**
   * Verified addresses of a domain of a `configured` connected organisation are approved at once:
   * true for every such organisation (Entra's allConfiguredConnectedOrganizationUsers), a list for
   * these ones only (specificConnectedOrganizationUsers), false or absent for none. Proposed ones never count.
   */
  readonly autoApproveConnectedOrganizations?: boolean | readonly string[];
  /** Undecided requests are refused by the sign-up-approvals job after this many days; absent: never. */
  readonly autoDenyAfterDays?: number;
  /** The group whose members get the request mail; absent: the tenant's User and Global Administrators. */
  readonly approverGroupId?: string;
}

/** A flow's terms: the version the person accepts and the documents' links by page language. */
export interface TermsAcceptanceSettings {
  readonly version: string;
  readonly termsUrl: Partial<Record<Locale, string>>;
  readonly privacyUrl: Partial<Record<Locale, string>>;
}
