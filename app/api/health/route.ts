/** Liveness: the process answers. Deliberately touches nothing else (a slow database must not get us restarted). */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
