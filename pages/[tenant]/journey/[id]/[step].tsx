import { JourneyPage } from "../../../../app/_components/plain/journey-page";
import { withFailurePage } from "../../../../app/_components/plain/failure-props";
import { journeyPageProps } from "../../../../app/_components/plain/journey-props";

/** /{tenant}/journey/{id}/{step}: one step of a journey at its own address (D10), with no JavaScript. */
// A plain page: no client runtime, no hydration (front-end review D5). `runtime` also satisfies the
// build's generated check of a page's config (its type lacks the flag).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps = withFailurePage("/[tenant]/journey/[id]/[step]", journeyPageProps);

export default JourneyPage;
