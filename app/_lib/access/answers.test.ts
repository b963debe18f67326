import { describe, expect, it } from "vitest";
import { answerProblems, checkedAnswers, localizedText, questionsOf, type StoredQuestion } from "./answers";

const text: StoredQuestion = {
  "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
  id: "q-text",
  text: "KvK number",
  isRequired: true,
  sequence: 1,
  regexPattern: "^[0-9]{8}$",
  localizations: [
    { languageCode: "nl", text: "KvK-nummer" },
    { languageCode: "fr-BE", text: "Numéro BCE" },
  ],
};
const choice: StoredQuestion = {
  "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion",
  id: "q-role",
  text: "Role",
  isRequired: false,
  sequence: 0,
  localizations: [],
  isMultipleSelectionAllowed: false,
  choices: [
    { actualValue: "dev", text: "Developer", localizations: [{ languageCode: "nl", text: "Ontwikkelaar" }] },
    { actualValue: "ops", text: "Operations", localizations: [] },
  ],
};
const problems = (answers: { questionId: string; value: string }[]) =>
  Object.fromEntries(answerProblems([text, choice], answers));

describe("access-package answers", () => {
  it("names every problem by question: required, pattern, choice, one choice only, unknown", () => {
    expect(problems([])).toEqual({ "q-text": "required" });
    expect(problems([{ questionId: "q-text", value: "   " }])).toEqual({ "q-text": "required" });
    expect(problems([{ questionId: "q-text", value: "1234" }])).toEqual({ "q-text": "pattern" });
    expect(problems([{ questionId: "q-text", value: "1".repeat(2001) }])).toEqual({ "q-text": "pattern" });
    expect(
      problems([
        { questionId: "Q-TEXT", value: "12345678" },
        { questionId: "q-role", value: "boss" },
      ]),
    ).toEqual({ "q-role": "choice" });
    expect(
      problems([
        { questionId: "q-text", value: "12345678" },
        { questionId: "q-role", value: "dev" },
        { questionId: "q-role", value: "ops" },
      ]),
    ).toEqual({ "q-role": "single" });
    expect(
      problems([
        { questionId: "q-text", value: "12345678" },
        { questionId: "other", value: "x" },
      ]),
    ).toEqual({
      other: "unknown",
    });
  });

  it("keeps trimmed answers with their question and the choice's text, and refuses the first problem by name", () => {
    const kept = checkedAnswers(
      [text, choice],
      [
        { questionId: "q-text", value: " 12345678 " },
        { questionId: "q-role", value: "dev" },
      ],
    );
    expect(kept).toEqual([
      {
        "@odata.type": "#microsoft.graph.accessPackageAnswerString",
        value: "12345678",
        displayValue: "12345678",
        answeredQuestion: text,
      },
      {
        "@odata.type": "#microsoft.graph.accessPackageAnswerString",
        value: "dev",
        displayValue: "Developer",
        answeredQuestion: choice,
      },
    ]);
    expect(() => checkedAnswers([text], [])).toThrow(expect.objectContaining({ code: "invalid", field: "answers[q-text]" }));
  });

  it("orders questions by sequence and finds a text in the language, its region's, or the default", () => {
    expect(questionsOf({ questions: [text, choice] }).map((q) => q.id)).toEqual(["q-role", "q-text"]);
    expect(localizedText(text, "nl")).toBe("KvK-nummer");
    expect(localizedText(text, "fr")).toBe("Numéro BCE");
    expect(localizedText(text, "sv")).toBe("KvK number");
  });
});
