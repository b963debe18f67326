import { UserFlowEditError, UserFlowPermissionError } from "../../journeys";
import { GraphError, graphErrors } from "../errors";

/** Runs one user-flow service verb and turns its errors into Graph's (contract §0.4); `id` is what a 404 names. */
export async function callUserFlows<T>(id: string, verb: () => Promise<T> | T): Promise<T> {
  try {
    return await verb();
  } catch (error) {
    throw graphErrorOf(error, id);
  }
}

function graphErrorOf(error: unknown, id: string): unknown {
  if (error instanceof UserFlowPermissionError) return graphErrors.denied();
  if (!(error instanceof UserFlowEditError)) return error;
  switch (error.code) {
    case "notFound":
      return graphErrors.notFound(id);
    case "invalid":
      return graphErrors.badRequest(
        error.message,
        error.problems.map((message) => ({ code: "InvalidValue", target: message.split(":")[0]!, message })),
      );
    case "conflict":
      return graphErrors.badRequest(error.message);
    case "modified":
      // The row changed under every retry: the client reads again and decides (RFC 9110 §15.5.13).
      return new GraphError(412, "PreconditionFailed", error.message);
  }
}
