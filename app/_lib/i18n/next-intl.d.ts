import type { Locale } from "./locales";
import type { Messages } from "./messages";

// Message keys are type-checked against messages/en.json (docs/ARCHITECTURE.md, "Journeys").
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
