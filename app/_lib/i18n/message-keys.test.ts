import { describe, expect, expectTypeOf, it } from "vitest";
import en from "../../../messages/en.json";
import type { AttributeMessage } from "../directory";
import type { DisplayText, PasscodeProblem, UiMessage } from "../journeys";
import type { MailTranslate } from "../mail";
import type { CatalogKeys, MessageKey, MessageKeyIn } from "./message-keys";

// Most of this file is checked by `npm run typecheck`, not by vitest: each `@ts-expect-error` below
// is a misspelt or misplaced message id that must not compile. If message ids ever widen back to
// `string`, those lines stop being errors and the compiler reports the unused directives (TS2578),
// so the check cannot quietly disappear.

const mailT: MailTranslate = (key) => key;

describe("message ids are keys of messages/en.json", () => {
  it("admits every leaf of the catalog, and only leaves", () => {
    expectTypeOf<"otp.errors.locked">().toExtend<MessageKey>();
    expectTypeOf<"oidc.error.invalid_request.title">().toExtend<MessageKey>();
    expectTypeOf<"journey.errors.upstream.cancelled">().toExtend<MessageKey>();
    expectTypeOf<string>().not.toExtend<MessageKey>();
    expectTypeOf<"otp.errors">().not.toExtend<MessageKey>();
    expectTypeOf<"passcode.subject">().toExtend<MessageKeyIn<"mail">>();
    expectTypeOf<"mail.passcode.subject">().not.toExtend<MessageKeyIn<"mail">>();
  });

  it("rejects misspelt ids where they are written", () => {
    // @ts-expect-error -- a typo in a journey message
    const typo: UiMessage = { id: "journey.errors.expird" };
    // @ts-expect-error -- a namespace is not a message
    const namespace: UiMessage = { id: "journey.errors" };
    const reason = "timeout" as "cancelled" | "timeout";
    // @ts-expect-error -- a dynamic id whose every value must exist: there is no journey.errors.upstream.timeout
    const dynamic: UiMessage = { id: `journey.errors.upstream.${reason}` };
    // @ts-expect-error -- a label that does not exist
    const label: DisplayText = { id: "attributes.labels.givenNme" };
    // @ts-expect-error -- passcode problems name only the otp.errors messages
    const passcode: PasscodeProblem = { id: "otp.errors.wrongcode" };
    // @ts-expect-error -- attribute problems name only attributes.errors messages
    const attribute: AttributeMessage = { id: "attributes.errors.tooshort", context: {} };
    // @ts-expect-error -- mail templates use keys relative to the mail namespace
    mailT("mail.passcode.subject");
    // @ts-expect-error -- and a misspelt one fails too
    mailT("passcode.subjet");
    // @ts-expect-error -- a list of ids built from codes is checked where it is declared
    type Unknown = CatalogKeys<"otp.errors.locked" | "otp.errors.nope">;
    expect([typo, namespace, dynamic, label, passcode, attribute]).toHaveLength(6);
    expectTypeOf<Unknown>().toBeString();
  });

  it("derives ids that exist in the catalog at run time", () => {
    const ids: MessageKey[] = [
      "otp.errors.locked",
      "oidc.error.server_error.body",
      "attributes.labels.country",
      "mail.passcode.footer",
    ];
    const lookup = (id: string) => id.split(".").reduce<unknown>((tree, part) => (tree as Record<string, unknown>)[part], en);
    for (const id of ids) expect(typeof lookup(id), id).toBe("string");
    expect(mailT("passcode.subject")).toBe("passcode.subject");
  });
});
