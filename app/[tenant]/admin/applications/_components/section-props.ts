import type { ApplicationView } from "../../../../_lib/oidc";
import type { FormFeedback } from "../../_lib/form-feedback";

/** What every section of the application page is given. */
export interface SectionProps {
  app: ApplicationView;
  /** The application page's path (forms post below it and come back to it). */
  here: string;
  canWrite: boolean;
  feedback: FormFeedback | undefined;
  /** Problems by field, already in the administrator's language. */
  problems: Record<string, string>;
}

export const SECTION = "mt-10 border-t border-gray-300 pt-6";
export const H2 = "text-xl font-bold";
