export { tenantsConfigSchema, tenantSchema, identityProviderSchema, emailDomainSchema, RESERVED_SLUGS } from "./schema";
export type {
  TenantsConfig,
  Tenant,
  Branding,
  IdentityProviderConfig,
  InvitationSettings,
  SignUpProtectionSettings,
  ProofOfWorkSettings,
  SignUpLimitName,
} from "./schema";
export { loadTenantsConfig, parseTenantsConfig } from "./load";
export { tenantsJsonSchema } from "./json-schema";
export { createTenantDirectory, type TenantDirectory } from "./directory";
export { brandingCssVariables, brandingStyleSheet, readableTextOn, contrastRatio } from "./branding";
export { darkColours } from "./dark-branding";
