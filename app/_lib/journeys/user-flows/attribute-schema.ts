import { z } from "zod";
import {
  attributeMessage,
  formValues,
  normalizeCountryCode,
  parseAttributeValue,
  type AttributeMessage,
  type AttributeProblem,
  type AttributeValue,
} from "../../directory";
import type { UserFlow } from "./types";
import { editableAttributesFor, type AttributeSelection } from "./visible-attributes";

export interface AttributeSchemaOptions extends AttributeSelection {
  /** The page's language: country names and dates in problems are then written in it. */
  locale?: string;
  /** What the guest already has; a stored country tells how to read a phone number asked for on its own. */
  storedValues?: Readonly<Record<string, AttributeValue | null | undefined>>;
}

/** Parsed attribute values by name; `null` where the guest left an optional attribute empty. */
export type AttributeValues = Record<string, AttributeValue | null>;

const MESSAGE_PREFIX = "attributes.errors.";

/**
 * The schema for one attribute page, built from the flow: exactly the attributes this app's
 * guests are asked for. It takes what a form sends (strings; lists for multiple choices) and
 * returns normalised values (trimmed, E.164 phone numbers, upper-case country codes, canonical
 * postal codes).
 *
 * Fields the flow does not ask for are dropped without a word — Next.js adds its own
 * (`$ACTION_ID_…`), so unknown fields are normal. That includes `email`, `email_verified`,
 * `userType`, `tenantId` and every other account field: they can never be set through this
 * schema, because its output holds only the flow's user-typed attributes, and no custom attribute
 * may take a reserved name. Ignoring is chosen over an error: a crafted field gains nothing, and
 * an honest guest never sees a message about a field they cannot see.
 *
 * Problems are zod issues whose message is a message id (`attributes.errors.<code>`) and whose
 * params carry the ICU context; `attributeProblems` turns them into `{ field, message }`.
 */
export function buildAttributeSchema(flow: UserFlow, options: AttributeSchemaOptions): z.ZodType<AttributeValues, unknown> {
  const attributes = editableAttributesFor(flow, options);
  const shape = Object.fromEntries(attributes.map((attribute) => [attribute.definition.name, z.unknown().optional()]));
  return z.object(shape).transform((input, ctx) => {
    const country = countryOf(flow, input, options);
    const values: AttributeValues = {};
    for (const { definition, required } of attributes) {
      const parsed = parseAttributeValue(definition, input[definition.name], required, { country, locale: options.locale });
      if (parsed.ok) values[definition.name] = parsed.value;
      else
        ctx.addIssue({
          code: "custom",
          path: [definition.name],
          message: parsed.message.id,
          params: { context: parsed.message.context },
          input: input[definition.name],
        });
    }
    return values;
  });
}

/**
 * The country a submission is about: the one the guest picks on this page, else the one they
 * gave before, else the flow's default. Phone numbers, postal codes and business numbers are
 * read for it (an attribute may pin its own).
 */
function countryOf(flow: UserFlow, input: Record<string, unknown>, options: AttributeSchemaOptions): string | undefined {
  const given = [input.country, options.storedValues?.country].find((v): v is string => typeof v === "string" && v.trim() !== "");
  return (given && normalizeCountryCode(given)) || flow.defaultCountry;
}

/** zod issues from buildAttributeSchema → problems on fields, as message ids and ICU context. */
export function attributeProblems(error: z.ZodError): AttributeProblem[] {
  return error.issues.map((issue) => {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "";
    if (issue.code === "custom" && issue.message.startsWith(MESSAGE_PREFIX))
      return { field, message: { id: issue.message, context: issue.params?.context ?? {} } as AttributeMessage };
    // Not an attribute's judgement (the submission was not even an object): say so generically.
    return { field, message: attributeMessage("invalid") };
  });
}

export type AttributeSubmissionResult = { ok: true; values: AttributeValues } | { ok: false; problems: AttributeProblem[] };

/** Parses a submitted form (or a JSON body) for the flow's attribute page. */
export function parseAttributeSubmission(
  flow: UserFlow,
  submission: FormData | Readonly<Record<string, unknown>>,
  options: AttributeSchemaOptions,
): AttributeSubmissionResult {
  const input = submission instanceof FormData ? formValues(submission) : submission;
  const result = buildAttributeSchema(flow, options).safeParse(input);
  return result.success ? { ok: true, values: result.data } : { ok: false, problems: attributeProblems(result.error) };
}
