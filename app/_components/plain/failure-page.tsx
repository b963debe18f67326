import { UnexpectedError } from "../errors/unexpected-error";
import { PlainGuestPage } from "./guest-page";
import type { FailureProps } from "./failure-props";
import type { PlainGuestProps } from "./guest-props";

export const isFailure = (props: PlainGuestProps): props is FailureProps => "failure" in props;

/**
 * A script-free guest page whose getServerSideProps failed (failure-props.ts): the heading takes
 * focus on arrival (`autofocus`), "Try again" loads the same address again.
 */
export function FailurePage({ props }: { props: FailureProps }) {
  return (
    <PlainGuestPage props={props}>
      <UnexpectedError
        reference={props.failure.reference}
        homeHref={`/${props.tenant.slug}`}
        retryHref={props.path}
        focusHeading
      />
    </PlainGuestPage>
  );
}
