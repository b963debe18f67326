/**
 * The user-flow service's refusal code, read by name (UserFlowEditError): the services and the
 * portal's routes may be bundled apart, so `instanceof` can miss a real refusal.
 */
export function userFlowRefusal(error: unknown): "notFound" | "invalid" | "conflict" | "modified" | undefined {
  if (!(error instanceof Error) || error.name !== "UserFlowEditError") return undefined;
  return (error as Error & { code: "notFound" | "invalid" | "conflict" | "modified" }).code;
}
