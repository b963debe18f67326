import type { Locale } from "./locales";
import type { Messages } from "./messages";

// Message keys are type-checked against messages/en.json (ARCHITECTURE §8.5).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
