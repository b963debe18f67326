import type { GetServerSideProps } from "next";
import Head from "next/head";
import { useTranslations } from "next-intl";
import { Panel } from "../../../app/_components/journey/steps/panel";
import { PlainGuestPage } from "../../../app/_components/plain/guest-page";
import { invitationClosedProps, type InvitationClosedProps } from "../../../app/_components/plain/more-guest-props";

// A plain page: no client runtime, no hydration (front-end review D5).
// `runtime` also satisfies the build's generated check of a page's config (its type lacks the flag).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<InvitationClosedProps> = invitationClosedProps;

/** An invitation link that no longer works, and what to do about it, in the person's language. */
export default function InvitationClosedPage(props: InvitationClosedProps) {
  return (
    <PlainGuestPage props={props}>
      <Head>
        <meta name="robots" content="noindex" />
      </Head>
      <Closed reason={props.reason} />
    </PlainGuestPage>
  );
}

function Closed({ reason }: Pick<InvitationClosedProps, "reason">) {
  const t = useTranslations("invitation.closed");
  return <Panel title={t(`${reason}.title`)} body={t(`${reason}.body`)} />;
}
