import { tenantNotFoundFor } from "../../../_components/not-found-page";

/**
 * Any unknown path under a tenant (static routes such as oauth2/… still win over this): a 404
 * rendered whole on the server, in the tenant's colours and the page's language, because a thrown
 * notFound() reaches the browser as an empty shell until JavaScript runs (docs/ARCHITECTURE.md).
 */
async function notFound(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  return tenantNotFoundFor(request, (await params).tenant);
}

export { notFound as GET, notFound as POST, notFound as HEAD };
