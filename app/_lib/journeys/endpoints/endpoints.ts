import { formValues } from "../../directory";
import { readBoundedForm, safeLocalPath } from "../../http";
import { LOCALE_COOKIE, negotiateLocale } from "../../i18n";
import type { Tenant } from "../../tenant";
import { tenantReturnPath } from "../engine/completion";
import { bindingOf, loadJourney, rebound, resumeForInteraction, startJourney } from "../engine/lifecycle";
import { cancelJourney, submitJourney, upstreamReturned, type Submission } from "../engine/submit";
import type { JourneyOutcome } from "../engine/types";
import { PROFILE_KIND } from "../profile/kind";
import { invitationContinuePath, REDEMPTION_KIND } from "../redemption/kind";
import { SIGN_UP_KIND } from "../signup/kind";
import { ADMIN_SIGN_IN_KIND } from "../admin-sign-in/kind";
import { myAccessPath } from "../my-access/flow";
import { MY_ACCESS_KIND } from "../my-access/kind";
import { errorPage, fromOurOrigin, journeyBinding, requestLocaleOf, respond, seeOther, status } from "./http";
import type { JourneyEndpointServices } from "./ports";

/** A form is a few kilobytes; anything far larger is not one of ours. */
const MAX_FORM_BYTES = 64 * 1024;
const ONE_YEAR = 365 * 24 * 60 * 60;

/**
 * The journey's HTTP surface, framework-free like the OpenID provider's endpoints: each is
 * `(request, tenant, …) => Promise<Response>`, and the route files only pass their parameters on.
 */
export function createJourneyEndpoints(services: JourneyEndpointServices) {
  const { baseUrl, deps } = services;
  const answer = (outcome: JourneyOutcome, tenant: Tenant) => respond(outcome, tenant, baseUrl, deps.secureCookies);

  /** A journey step, or "gone" when the authorization request it finishes died meanwhile (not a 500). */
  async function unlessGone(step: Promise<JourneyOutcome>): Promise<JourneyOutcome> {
    try {
      return await step;
    } catch (error) {
      if (services.interactions.isGone(error)) return { kind: "gone" };
      throw error;
    }
  }

  /** What every request about one journey carries: tenant, journey, binding, client, locale, signed-in guest. */
  async function submissionOf(request: Request, tenant: Tenant, id: string): Promise<Omit<Submission, "input">> {
    return {
      tenant,
      journeyId: id,
      binding: journeyBinding(request),
      client: services.clientAddress(request),
      locale: requestLocaleOf(request, tenant),
      signedInGuestId: await services.session.signedInGuest(request, tenant.slug),
    };
  }

  return {
    /**
     * GET /{tenant}/interaction/{id}: where authorize sends the person who must act. Starts the
     * sign-up journey of the application's user flow, bound to this browser by a cookie.
     * Statuses: 303 to the journey or to the localized error page; 404 unknown tenant.
     */
    async interaction(request: Request, slug: string, id: string): Promise<Response> {
      const tenant = services.tenants.find(slug);
      if (!tenant) return status(404);
      const fail = (code: string) => seeOther(errorPage(tenant.slug, code, baseUrl));
      let interaction;
      try {
        interaction = await services.interactions.describeForBrowser(request, tenant.slug, id);
        // Only the browser that made the authorization request may sign in for it (the resume
        // endpoint checks the same binding at the end, which is too late to stop a phished sign-in).
        if (!interaction.boundToBrowser) return fail("interaction_other_browser");
      } catch (error) {
        if (services.interactions.isGone(error)) return fail("interaction_expired");
        throw error;
      }
      // A reload (or the back button) lands here again: the journey this browser already has goes on.
      const live = await resumeForInteraction(deps, tenant, interaction.id);
      if (live) {
        return answer(
          {
            kind: "show",
            journeyId: live.journey.id,
            state: live.journey.state,
            binding: rebound(live.journey, live.bindingNonce, deps.now()),
          },
          tenant,
        );
      }
      // ui_locales from the application picks the journey's language (OIDC Core §3.1.2.1); the cookie
      // carries it to every page of the journey, and the switcher can still change it.
      const current = requestLocaleOf(request, tenant);
      const locale = interaction.uiLocales
        ? negotiateLocale({ uiLocales: interaction.uiLocales }, tenant.locales.enabled, current)
        : current;
      const started = await startJourney(deps, tenant, {
        kind: deps.administrators?.isPortalClient(tenant.slug, interaction.clientId) ? ADMIN_SIGN_IN_KIND : SIGN_UP_KIND,
        completion: { type: "interaction", interactionId: interaction.id },
        clientId: interaction.clientId,
        locale,
        notAfter: interaction.expiresAt,
        client: services.clientAddress(request),
      });
      if (!started.ok) return fail("no_user_flow");
      const binding = bindingOf(started.journey, started.bindingNonce);
      // A flow whose only way in is an upstream provider started in "federating": go straight there.
      const upstream = started.journey.state === "federating" ? started.journey.internal.federatingWith : undefined;
      const response = answer(
        upstream
          ? { kind: "federate", journeyId: started.journey.id, providerId: upstream, binding }
          : { kind: "show", journeyId: started.journey.id, state: started.journey.state, binding },
        tenant,
      );
      if (interaction.uiLocales) {
        response.headers.append(
          "Set-Cookie",
          `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax; HttpOnly${deps.secureCookies ? "; Secure" : ""}`,
        );
      }
      return response;
    },

    /**
     * GET /{tenant}/account/profile[?returnTo=/{tenant}/…]: a signed-in guest starts editing their
     * profile; the journey ends back at returnTo (a path of this tenant only) or the account page.
     * Statuses: 303 to the journey, to the account page (not signed in) or the error page; 404.
     */
    async profile(request: Request, slug: string): Promise<Response> {
      const tenant = services.tenants.find(slug);
      if (!tenant) return status(404);
      const account = `/${tenant.slug}/account`;
      const guestId = await services.session.signedInGuest(request, tenant.slug);
      if (!guestId) return seeOther(new URL(account, baseUrl).toString());
      const returnTo = tenantReturnPath(tenant.slug, new URL(request.url).searchParams.get("returnTo")) ?? account;
      const started = await startJourney(deps, tenant, {
        kind: PROFILE_KIND,
        completion: { type: "redirect", url: returnTo },
        locale: requestLocaleOf(request, tenant),
        guestId,
      });
      if (!started.ok) {
        if (started.reason === "signInRequired") return seeOther(new URL(account, baseUrl).toString());
        return seeOther(errorPage(tenant.slug, "no_user_flow", baseUrl));
      }
      return answer(
        {
          kind: "show",
          journeyId: started.journey.id,
          state: started.journey.state,
          binding: bindingOf(started.journey, started.bindingNonce),
        },
        tenant,
      );
    },

    /**
     * GET /{tenant}/myaccess/sign-in[?returnTo=/{tenant}/myaccess/…]: starts the passcode sign-in
     * of My Access, ending back at returnTo (a My Access path of this tenant only, else My Access
     * itself) with Guestgate's OP session. Someone signed in already goes straight back.
     * Statuses: 303 to the journey, to returnTo or to the error page; 404 unknown tenant.
     */
    async myAccessSignIn(request: Request, slug: string): Promise<Response> {
      const tenant = services.tenants.find(slug);
      if (!tenant) return status(404);
      const home = myAccessPath(tenant.slug);
      const returnTo = safeLocalPath(new URL(request.url).searchParams.get("returnTo"), home) ?? home;
      if (await services.session.signedInGuest(request, tenant.slug)) return seeOther(new URL(returnTo, baseUrl).toString());
      const started = await startJourney(deps, tenant, {
        kind: MY_ACCESS_KIND,
        completion: { type: "redirect", url: returnTo },
        locale: requestLocaleOf(request, tenant),
        client: services.clientAddress(request),
      });
      if (!started.ok) return seeOther(errorPage(tenant.slug, "no_user_flow", baseUrl));
      return answer(
        {
          kind: "show",
          journeyId: started.journey.id,
          state: started.journey.state,
          binding: bindingOf(started.journey, started.bindingNonce),
        },
        tenant,
      );
    },

    /**
     * GET /{tenant}/invite/{ticket}: the invitation's redeem URL. A live ticket starts the redemption
     * journey in the invitation's language (when the tenant offers it; else the usual negotiation);
     * a dead one goes to a page saying why (expired, revoked, redeemed, unknown). Statuses: 303; 404.
     */
    async invite(request: Request, slug: string, ticket: string): Promise<Response> {
      const tenant = services.tenants.find(slug);
      if (!tenant || !deps.invitations) return status(404);
      const closed = (reason: string) =>
        seeOther(new URL(`/${tenant.slug}/invite/closed?reason=${encodeURIComponent(reason)}`, baseUrl).toString());
      const opened = await deps.invitations.open(tenant.slug, ticket);
      if (opened.status !== "valid") return closed(opened.status);
      const language = opened.invitation.language;
      const offered = tenant.locales.enabled.find((enabled) => enabled === language);
      const started = await startJourney(deps, tenant, {
        kind: REDEMPTION_KIND,
        completion: { type: "redirect", url: invitationContinuePath(tenant.slug, opened.invitation.id) },
        locale: offered ?? requestLocaleOf(request, tenant),
        ticket,
      });
      if (!started.ok)
        return started.reason.startsWith("invitation")
          ? closed(started.reason.slice("invitation".length).toLowerCase())
          : seeOther(errorPage(tenant.slug, "no_user_flow", baseUrl));
      const response = answer(
        {
          kind: "show",
          journeyId: started.journey.id,
          state: started.journey.state,
          binding: bindingOf(started.journey, started.bindingNonce),
        },
        tenant,
      );
      // The invitation's language carries to every page of the journey, as ui_locales does for sign-up.
      if (offered)
        response.headers.append(
          "Set-Cookie",
          `${LOCALE_COOKIE}=${offered}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax; HttpOnly${deps.secureCookies ? "; Secure" : ""}`,
        );
      return response;
    },

    /**
     * GET /{tenant}/invite/continue/{invitationId}: where a finished redemption lands; on to the
     * invitation's redirect URL if it was redeemed and the URL still passes the tenant's rules
     * (an application's redirect URI or home page, or the allow-list: never an open redirect),
     * else the tenant's home page. 303; 404.
     */
    async inviteContinue(request: Request, slug: string, invitationId: string): Promise<Response> {
      const tenant = services.tenants.find(slug);
      if (!tenant || !deps.invitations) return status(404);
      const target = await deps.invitations.continueUrl(tenant.slug, invitationId);
      return seeOther(target ?? new URL(`/${tenant.slug}`, baseUrl).toString());
    },

    /**
     * POST /{tenant}/journey/{id}/submit: every form of every journey posts here. Statuses: 303 (to
     * the journey page, the upstream provider or the completion target); 400 not a form; 403
     * cross-site; 404 unknown tenant or journey; 413 too large.
     */
    async submit(request: Request, slug: string, id: string): Promise<Response> {
      const tenant = services.tenants.find(slug);
      if (!tenant) return status(404);
      if (!fromOurOrigin(request, baseUrl)) return status(403);
      const read = await readBoundedForm(request, MAX_FORM_BYTES);
      if (!read.ok) return status(read.status);
      const submission = { ...(await submissionOf(request, tenant, id)), input: formValues(read.form) };
      return answer(await unlessGone(submitJourney(deps, submission)), tenant);
    },

    /**
     * POST /{tenant}/journey/{id}/cancel: the completion target hears it will not happen (the
     * application gets access_denied; a profile edit returns unchanged). 303; 403 cross-site; 404.
     */
    async cancel(request: Request, slug: string, id: string): Promise<Response> {
      const tenant = services.tenants.find(slug);
      if (!tenant) return status(404);
      if (!fromOurOrigin(request, baseUrl)) return status(403);
      return answer(await unlessGone(cancelJourney(deps, await submissionOf(request, tenant, id))), tenant);
    },

    /**
     * GET /{tenant}/journey/{id}/federate/{provider}: the browser leaves for the upstream provider
     * the person chose. Only the browser holding the journey, and only for the provider the journey
     * recorded, may start the trip. 303 to the upstream or back to the journey; 404 unknown.
     */
    async federate(request: Request, slug: string, id: string, provider: string): Promise<Response> {
      const tenant = services.tenants.find(slug);
      if (!tenant) return status(404);
      const submission = await submissionOf(request, tenant, id);
      const loaded = await loadJourney(deps, tenant.slug, id, submission.binding);
      if (loaded.kind === "notFound") return status(404);
      const federation = loaded.kind === "journey" ? loaded.journeyKind.federation : undefined;
      if (
        loaded.kind !== "journey" ||
        !federation ||
        loaded.journey.state !== federation.state ||
        loaded.journey.internal.federatingWith !== provider
      ) {
        return answer({ kind: "show", journeyId: id }, tenant);
      }
      const started = await services.federation.startFederation(tenant, provider, {
        returnTo: `/${tenant.slug}/journey/${id}/federated`,
      });
      if (started.ok) return seeOther(started.location);
      // The provider could not be reached or is not configured: back to the choice, saying why.
      return answer(await unlessGone(upstreamReturned(deps, submission, { failure: started.reason })), tenant);
    },

    /**
     * GET /{tenant}/journey/{id}/federated: Auth.js sends the browser back here after the upstream
     * provider; the normalised identity (or the reason it failed) is taken once. 303; 404 unknown tenant.
     */
    async federated(request: Request, slug: string, id: string): Promise<Response> {
      const tenant = services.tenants.find(slug);
      if (!tenant) return status(404);
      const result = await services.federation.takeUpstreamIdentity(tenant);
      return answer(await unlessGone(upstreamReturned(deps, await submissionOf(request, tenant, id), result)), tenant);
    },
  };
}

export type JourneyEndpoints = ReturnType<typeof createJourneyEndpoints>;
