import { JourneyPage } from "../../../../app/_components/plain/journey-page";
import { withFailurePage } from "../../../../app/_components/plain/failure-props";
import { journeyPageProps } from "../../../../app/_components/plain/journey-props";

/** /{tenant}/journey/{id}: redirects to the journey's current step ([step].tsx). */
// A plain page: no client runtime, no hydration (front-end review D5). `runtime` also satisfies the
// build's generated check of a page's config (its type lacks the flag).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps = withFailurePage("/[tenant]/journey/[id]", journeyPageProps);

export default JourneyPage;
