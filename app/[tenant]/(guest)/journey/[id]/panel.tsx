import type { ReactNode } from "react";
import { SecondaryButton } from "../../../../_components/journey/journey-form";
import type { Translate } from "../../../../_components/journey/translator";
import type { JourneyRecord, UserFlow } from "../../../../_lib/journeys";
import type { Tenant } from "../../../../_lib/tenant";

export function Panel({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold text-brand">{title}</h1>
      <p className="mt-4">{body}</p>
      {children}
    </article>
  );
}

/** Tells the completion target the journey will not happen (access_denied, or back unchanged). */
export function CancelForm({ journey, label }: { journey: JourneyRecord; label: string }) {
  return (
    <form method="post" action={`/${journey.tenantId}/journey/${journey.id}/cancel`} className="mt-6">
      <SecondaryButton>{label}</SecondaryButton>
    </form>
  );
}

/** What the page hands every kind's step view. */
export interface StepViewProps {
  tenant: Tenant;
  journey: JourneyRecord;
  flow: UserFlow;
  action: string;
  t: Translate;
  locale: string;
}
