import { services } from "../../_lib/server";

/** Readiness: 200 when the database answers and every migration is applied, else 503 with what is wrong. */
export async function GET(): Promise<Response> {
  const readiness = await services().readiness.check();
  const ready = readiness.database === "ok" && readiness.migrations === "applied";
  return Response.json(
    { status: ready ? "ready" : "not_ready", checks: readiness },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
