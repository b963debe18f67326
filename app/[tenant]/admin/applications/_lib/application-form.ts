import { isApplicationDirectoryError, redirectUriProblemCode, type ApplicationView } from "../../../../_lib/oidc";
import { userFlowRefusal } from "./user-flow-refusal";
import { lines, type FormFeedback } from "../../_lib/form-feedback";

/** Where an application's redirect URIs go: Graph's platforms, chosen by the kind of client. */
export type ClientKind = "public" | "confidential";

/** The form fields of an application's settings, read from the posted form. */
export interface SettingsInput {
  displayName: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export function readSettings(form: URLSearchParams): SettingsInput {
  return {
    displayName: (form.get("displayName") ?? "").trim(),
    redirectUris: lines(form.get("redirectUris")),
    postLogoutRedirectUris: lines(form.get("postLogoutRedirectUris")),
  };
}

/**
 * The problems the provider would find, checked with its own rule (`redirectUriProblemCode`) so
 * that each is shown next to its field, with the line it is on; the service checks again.
 */
export function settingsProblems(input: SettingsInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!input.displayName || input.displayName.length > 256) problems.displayName = "displayName";
  for (const field of ["redirectUris", "postLogoutRedirectUris"] as const) {
    const uris = input[field];
    if (uris.length > 50) problems[field] = "tooMany";
    uris.forEach((uri, index) => {
      if (problems[field]) return;
      const code = redirectUriProblemCode(uri);
      if (code) problems[field] = `${code}@${index + 1}`;
      else if (uris.indexOf(uri) !== index) problems[field] = `duplicate@${index + 1}`;
    });
  }
  return problems;
}

/**
 * Graph's platforms for the URIs: a confidential client's are `web`; a public client's are `spa`
 * (https) or `publicClient` (loopback, RFC 8252 §7.3). A URI already registered keeps its platform.
 */
export function platformsFor(kind: ClientKind, uris: readonly string[], current?: ApplicationView) {
  const web: string[] = [];
  const spa: string[] = [];
  const publicClient: string[] = [];
  for (const uri of uris) {
    const known = current
      ? current.redirectUris.web.includes(uri)
        ? "web"
        : current.redirectUris.spa.includes(uri)
          ? "spa"
          : current.redirectUris.publicClient.includes(uri)
            ? "publicClient"
            : undefined
      : undefined;
    const platform = known ?? (kind === "confidential" ? "web" : uri.startsWith("https://") ? "spa" : "publicClient");
    (platform === "web" ? web : platform === "spa" ? spa : publicClient).push(uri);
  }
  return { web: { redirectUris: web }, spa: { redirectUris: spa }, publicClient: { redirectUris: publicClient } };
}

/** A refusal of the services as form feedback; anything else is a bug and is thrown on. */
export function feedbackFor(error: unknown, values: Record<string, string>): FormFeedback {
  const code = isApplicationDirectoryError(error) ? error.code : userFlowRefusal(error);
  if (code) {
    if (code === "modified") return { problems: { form: "modified" }, values };
    if (code === "invalid" && isApplicationDirectoryError(error)) {
      const field = error.field ?? "form";
      if (field.endsWith("redirectUris")) return { problems: { redirectUris: "invalid" }, values };
      if (field === "postLogoutRedirectUris") return { problems: { postLogoutRedirectUris: "invalid" }, values };
      if (field === "guestgatePermissions") return { problems: { permissions: "publicPermissions" }, values };
      if (field === "appRoles") {
        const assigned = /still assigned/.test(error.message);
        const disableFirst = /disable/.test(error.message);
        return {
          problems: { roles: assigned ? "roleAssigned" : disableFirst ? "roleEnabled" : "roleInvalid" },
          values,
        };
      }
      if (field.startsWith("passwordCredential")) return { problems: { secretExpiry: "secretExpiry" }, values };
      if (field === "displayName") return { problems: { displayName: "displayName" }, values };
      if (field === "guestgateLocalizedDisplayNames") return { problems: { form: "localizedName" }, values };
    }
  }
  throw error;
}
