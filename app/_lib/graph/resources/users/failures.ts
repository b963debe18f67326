import { isDirectoryError } from "../../../directory";
import { graphErrors } from "../../errors";

/**
 * A directory refusal as Graph says it (contract §0.4): not found → 404 naming the id, forbidden
 * → 403, a taken identity → 400 "Another object with the same value…", invalid → 400 with the
 * directory's message (it names the field). Anything else is not ours to translate.
 */
export async function asGraph<T>(id: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isDirectoryError(error)) throw error;
    switch (error.code) {
      case "notFound":
        throw graphErrors.notFound(id);
      case "forbidden":
        throw graphErrors.denied();
      case "conflict":
        if (error.message.startsWith("stale")) throw graphErrors.preconditionFailed();
        if (error.message.startsWith("identities")) throw graphErrors.conflict("identities");
        throw graphErrors.badRequest(error.message);
      case "invalid":
        if (error.message.startsWith("the paging cursor"))
          throw graphErrors.badRequest("Invalid value for query option '$skiptoken'.");
        throw graphErrors.badRequest(error.message);
    }
  }
}
