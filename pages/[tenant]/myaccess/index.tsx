import type { GetServerSideProps } from "next";
import Head from "next/head";
import { useTranslations } from "next-intl";
import {
  ActionForm,
  AssignmentItem,
  cardClass,
  Outcome,
  OutsiderNote,
  SignInFirst,
} from "../../../app/_components/myaccess/parts";
import { FailurePage, isFailure } from "../../../app/_components/plain/failure-page";
import { withFailurePage, type FailureProps } from "../../../app/_components/plain/failure-props";
import { PlainGuestPage } from "../../../app/_components/plain/guest-page";
import { myAccessProps, type MyAccessProps } from "../../../app/_components/plain/myaccess-props";

// A plain page: no client runtime, no hydration (front-end review D5).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<MyAccessProps | FailureProps> = withFailurePage(
  "/[tenant]/myaccess",
  myAccessProps,
);

/** My Access: the access packages the signed-in person may request, their requests and their access. */
export default function MyAccessPage(props: MyAccessProps | FailureProps) {
  if (isFailure(props)) return <FailurePage props={props} />;
  return (
    <PlainGuestPage props={props}>
      <Head>
        <meta name="robots" content="noindex" />
      </Head>
      {props.signInUrl ? <SignInFirst url={props.signInUrl} tenant={props.tenant.displayName} /> : <MyAccess {...props} />}
    </PlainGuestPage>
  );
}

function MyAccess({ tenant, available, requests, assignments, action, done, refusal, outsiderEmail }: MyAccessProps) {
  const t = useTranslations("myAccess");
  const packagePath = (id: string) => `/${tenant.slug}/myaccess/access-packages/${id}`;
  return (
    <article className={cardClass}>
      <h1 className="text-2xl font-bold text-brand">{t("title")}</h1>
      <p className="mt-4">{t("intro", { tenant: tenant.displayName })}</p>
      <OutsiderNote email={outsiderEmail} tenant={tenant.displayName} />
      <Outcome done={done} refusal={refusal} />

      <section aria-labelledby="available" className="mt-8">
        <h2 id="available" className="text-xl font-semibold">
          {t("available.title")}
        </h2>
        {available.length === 0 ? (
          <p className="mt-2">{t("available.empty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-200 border-y border-gray-200">
            {available.map((item) => (
              <li key={item.id} className="py-3">
                <a href={packagePath(item.id)} className="font-semibold text-brand underline underline-offset-2">
                  {t("available.open", { name: item.name })}
                </a>
                {item.description && <p className="mt-1 text-sm">{item.description}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="assignments" className="mt-8">
        <h2 id="assignments" className="text-xl font-semibold">
          {t("assignments.title")}
        </h2>
        {assignments.length === 0 ? (
          <p className="mt-2">{t("assignments.empty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-200 border-y border-gray-200">
            {assignments.map((assignment) => (
              <AssignmentItem key={assignment.id} assignment={assignment} action={action} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="requests" className="mt-8">
        <h2 id="requests" className="text-xl font-semibold">
          {t("requests.title")}
        </h2>
        {requests.length === 0 ? (
          <p className="mt-2">{t("requests.empty")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-gray-300">
                  <th scope="col" className="py-2 pr-4">
                    {t("requests.package")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("requests.type")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("requests.state")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("requests.date")}
                  </th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {requests.map((request) => (
                  <tr key={request.id} className="border-b border-gray-200">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      <a href={packagePath(request.packageId)} className="underline underline-offset-2">
                        {request.packageName}
                      </a>
                    </th>
                    <td className="py-2 pr-4">{t(`types.${request.type}`)}</td>
                    <td className="py-2 pr-4">{t(`states.${request.state}`)}</td>
                    <td className="py-2 pr-4">{request.date}</td>
                    <td className="py-2">
                      {request.cancellable && (
                        <ActionForm action={action} fields={{ action: "cancel", requestId: request.id }} quiet>
                          {t("requests.cancel")}
                          <span className="sr-only"> {request.packageName}</span>
                        </ActionForm>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
