// The unmodified @microsoft/microsoft-graph-client v3 against the in-process Graph bed: the client's
// own authentication and telemetry middleware build the request (URL joining, Authorization,
// client-request-id, SdkVersion; contract §0.1) and parse the answer and its errors; only the last
// hop, the network, is replaced by a handler that gives the Request to the bed's API.
import {
  AuthenticationHandler,
  Client,
  TelemetryHandler,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { BASE, TENANT } from "../oidc/harness";
import type { GraphBed } from "./api-bed";

class InProcessHandler implements Middleware {
  constructor(private readonly bed: GraphBed) {}
  async execute(context: Context): Promise<void> {
    const request =
      typeof context.request === "string"
        ? new Request(context.request, context.options as RequestInit)
        : new Request(context.request, context.options as RequestInit);
    context.response = await this.bed.handle(request);
  }
}

export function graphClientOver(bed: GraphBed, token: string, tenant = TENANT): Client {
  const auth = new AuthenticationHandler({ getAccessToken: async () => token });
  const telemetry = new TelemetryHandler();
  auth.setNext(telemetry);
  telemetry.setNext(new InProcessHandler(bed));
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: `${BASE}/${tenant}/graph`,
    defaultVersion: "v1.0",
    customHosts: new Set([new URL(BASE).hostname]),
  });
}
