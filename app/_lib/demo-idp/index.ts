// Contoso ID, the quick start's demo identity provider (never outside the demo: start.ts).
export { authenticate, DEMO_ACCOUNTS, DEMO_IDP_PASSWORD, type DemoAccount } from "./accounts";
export { DEMO_IDP_SECRET_ENV, planDemoIdp, type DemoIdpPlan } from "./start";
export { startDemoIdp, type DemoDirectory, type DemoIdp, type DemoIdpClient } from "./server";
