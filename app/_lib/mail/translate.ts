import type { MessageKeyIn } from "../i18n";

/**
 * What a template needs from the i18n layer: a message of the `mail` namespace, by key relative to
 * it ("passcode.subject"), with its ICU arguments filled in. Returns plain text; the template
 * escapes it for HTML. Templates take this function instead of importing next-intl, so they run
 * (and are tested) anywhere.
 */
export type MailTranslate = (key: MessageKeyIn<"mail">, values?: Record<string, string | number>) => string;
