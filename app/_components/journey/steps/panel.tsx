import type { ReactNode } from "react";
import type { AttributeHint, JourneyRecord } from "../../../_lib/journeys";
import type { IdentityProviderConfig, Tenant } from "../../../_lib/tenant";
import { SecondaryButton } from "../journey-form";
import type { Translate } from "../translate";
import type { TermsLinks } from "../terms-field";
import type { ProofOfWorkChallenge } from "../proof-of-work-field";

export function Panel({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold text-brand">{title}</h1>
      <p className="mt-4">{body}</p>
      {children}
    </article>
  );
}

/** What a step page shows of a journey: never its internal state (identity, secrets, bindings). */
export type JourneyView = Pick<JourneyRecord, "id" | "tenantId" | "kind" | "state" | "version" | "ui">;

/** Tells the completion target the journey will not happen (access_denied, or back unchanged). */
export function CancelForm({ journey, label }: { journey: Pick<JourneyView, "id" | "tenantId">; label: string }) {
  return (
    <form method="post" action={`/${journey.tenantId}/journey/${journey.id}/cancel`} className="mt-6">
      <SecondaryButton>{label}</SecondaryButton>
    </form>
  );
}

/**
 * What the server worked out for the step before rendering it (getServerSideProps): the step
 * views are synchronous and pure, so that the Pages Router renders them without the client runtime.
 */
export interface StepData {
  /** The ways in the flow offers, in its order. */
  providers: IdentityProviderConfig[];
  /** How long a passcode stays valid. */
  passcodeMinutes: number;
  /** The attribute page's fields (empty on other steps). */
  hints: AttributeHint[];
  /** The application's name in the page's language (its own name for it, else the tenant's). */
  application: string;
  /** The provider the journey is federating with, by its button name ("" when none). */
  federatingWith: string;
  /** The address the person signed in with, on the attribute page of a sign-up. */
  signedInAs: string | null;
  /** The flow's terms to accept, on the attribute page of a sign-up whose flow asks for them. */
  terms: TermsLinks | null;
  /** The challenge this step's form must carry a solution of (signUpProtection.proofOfWork); null: none. */
  proofOfWork: ProofOfWorkChallenge | null;
}

/** What the page hands every kind's step view. */
export interface StepViewProps {
  tenant: Tenant;
  journey: JourneyView;
  data: StepData;
  action: string;
  t: Translate;
  locale: string;
}
