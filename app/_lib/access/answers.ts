import { invalid } from "./errors";

/** A policy question as policy-settings stores it (Graph accessPackageQuestion, defaults filled in). */
export interface StoredQuestion {
  "@odata.type": string;
  id: string;
  text: string;
  isRequired: boolean;
  sequence: number;
  localizations: { languageCode: string; text: string }[];
  isSingleLineQuestion?: boolean;
  regexPattern?: string | null;
  isMultipleSelectionAllowed?: boolean;
  choices?: { actualValue: string; text: string; localizations: { languageCode: string; text: string }[] }[];
}

/** One answer as a requestor gives it: the question's id and the text or the choice's actualValue. */
export interface GivenAnswer {
  questionId: string;
  value: string;
}

/** Graph accessPackageAnswerString as a request stores and returns it. */
export interface AnswerRecord {
  "@odata.type": "#microsoft.graph.accessPackageAnswerString";
  value: string;
  displayValue: string;
  answeredQuestion: StoredQuestion;
}

export type AnswerProblem = "required" | "pattern" | "choice" | "unknown" | "single";

/** The longest answer taken: Graph's portal caps text answers; this keeps a pattern's work bounded. */
export const MAX_ANSWER_LENGTH = 2000;

const isChoice = (question: StoredQuestion) => question["@odata.type"].endsWith("MultipleChoiceQuestion");

/** The policy's questions in the order the requestor sees them. */
export const questionsOf = (settings: { questions: unknown[] }): StoredQuestion[] =>
  [...(settings.questions as StoredQuestion[])].sort((a, b) => a.sequence - b.sequence);

/**
 * What is wrong with the answers, by question id (empty when nothing is): a required question
 * left empty, a text that does not match the question's pattern, a value that is not one of the
 * choices, an answer to no question of the policy, or several choices where only one is allowed.
 * The service refuses on the first; the My Access page shows each by its field.
 */
export function answerProblems(questions: StoredQuestion[], answers: GivenAnswer[]): Map<string, AnswerProblem> {
  const problems = new Map<string, AnswerProblem>();
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given = new Map<string, string[]>();
  for (const answer of answers) {
    const id = answer.questionId.toLowerCase();
    if (!byId.has(id)) {
      problems.set(id, "unknown");
      continue;
    }
    if (answer.value.trim()) given.set(id, [...(given.get(id) ?? []), answer.value.trim()]);
  }
  for (const question of questions) {
    const values = given.get(question.id) ?? [];
    if (!values.length) {
      if (question.isRequired) problems.set(question.id, "required");
    } else if (isChoice(question)) {
      const allowed = new Set((question.choices ?? []).map((c) => c.actualValue));
      if (values.length > 1 && !question.isMultipleSelectionAllowed) problems.set(question.id, "single");
      else if (values.some((v) => !allowed.has(v))) problems.set(question.id, "choice");
    } else if (
      values.some((v) => v.length > MAX_ANSWER_LENGTH) ||
      (question.regexPattern && !values.every((v) => new RegExp(question.regexPattern!, "u").test(v)))
    ) {
      problems.set(question.id, "pattern");
    }
  }
  return problems;
}

const REFUSALS: Record<AnswerProblem, (q: string) => string> = {
  required: (q) => `The question '${q}' is required and has no answer.`,
  pattern: (q) => `The answer to '${q}' does not match the question's pattern.`,
  choice: (q) => `The answer to '${q}' is not one of its choices.`,
  single: (q) => `The question '${q}' takes one choice.`,
  unknown: (q) => `'${q}' is not a question of the policy.`,
};

/** The answers as the request keeps them, or a Graph 400 naming the first question that is wrong. */
export function checkedAnswers(questions: StoredQuestion[], answers: GivenAnswer[]): AnswerRecord[] {
  const [first] = answerProblems(questions, answers);
  if (first) {
    const [id, problem] = first;
    const question = questions.find((q) => q.id === id);
    throw invalid(`answers[${id}]`, REFUSALS[problem](question?.text ?? id));
  }
  const byId = new Map(questions.map((q) => [q.id, q]));
  return answers
    .filter((answer) => answer.value.trim())
    .map((answer) => {
      const question = byId.get(answer.questionId.toLowerCase())!;
      const value = answer.value.trim();
      const choice = question.choices?.find((c) => c.actualValue === value);
      return {
        "@odata.type": "#microsoft.graph.accessPackageAnswerString",
        value,
        displayValue: choice?.text ?? value,
        answeredQuestion: question,
      };
    });
}

/** A question's or a choice's text in the requestor's language (`nl` matches `nl-BE`), else its own. */
export function localizedText(item: { text: string; localizations: { languageCode: string; text: string }[] }, locale: string) {
  const language = locale.toLowerCase();
  const exact = item.localizations.find((l) => l.languageCode.toLowerCase() === language);
  const near = item.localizations.find((l) => l.languageCode.toLowerCase().split("-")[0] === language.split("-")[0]);
  return (exact ?? near)?.text ?? item.text;
}
