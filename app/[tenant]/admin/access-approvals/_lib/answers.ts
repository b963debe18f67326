import type { ApprovalDetails } from "../../../../_lib/access";

interface Question {
  id: string;
  text: string;
}

/**
 * The requestor's answers in Graph's shape (accessPackageAnswerString: value, displayValue and
 * answeredQuestion), when the request carries any, each with its question's text (from the answer,
 * else from the policy's questions).
 */
export function answersOf(details: ApprovalDetails): { question: string; answer: string }[] {
  const raw: unknown = Reflect.get(details.approval.request, "answers");
  if (!Array.isArray(raw)) return [];
  const questions = (details.policy?.settings.questions ?? []) as Question[];
  return raw.flatMap((entry: unknown) => {
    if (!entry || typeof entry !== "object") return [];
    const answer = entry as { value?: unknown; displayValue?: unknown; answeredQuestion?: { id?: unknown; text?: unknown } };
    const asked = answer.answeredQuestion;
    const question =
      (typeof asked?.text === "string" && asked.text) ||
      questions.find((q) => q.id === asked?.id)?.text ||
      String(asked?.id ?? "");
    const shown = typeof answer.displayValue === "string" && answer.displayValue ? answer.displayValue : answer.value;
    return typeof shown === "string" ? [{ question, answer: shown }] : [];
  });
}
