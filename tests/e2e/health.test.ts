// What a load balancer or orchestrator sees: liveness and readiness.
import { describe, expect, it } from "vitest";
import { url } from "./support/site";

describe("health endpoints", () => {
  it("GET /api/health says the process is up", async () => {
    const response = await fetch(url("/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("GET /api/ready says the database answers and every migration is applied", async () => {
    const response = await fetch(url("/api/ready"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ checks: { database: "ok", migrations: "applied" } });
  });
});
