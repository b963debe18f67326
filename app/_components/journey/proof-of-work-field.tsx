import type { Translate } from "./translate";

/** Where the widget's files are served from (app/api/proof-of-work/[file]/route.ts): our own origin. */
const ASSETS = "/api/proof-of-work";

/** The widget's words this page uses (a passcode-free proof of work: no code or audio challenge). */
const WIDGET_STRINGS = [
  "label",
  "verifying",
  "verified",
  "error",
  "expired",
  "verificationRequired",
  "waitAlert",
  "loading",
  "reload",
  "verify",
] as const;

/** A journey page's challenge, when its step asks for one (signUpProtection.proofOfWork). */
export interface ProofOfWorkChallenge {
  /** The signed challenge, as JSON (altcha-lib's createChallenge). */
  challenge: string;
  /** This response's CSP nonce: the start script must carry it ('strict-dynamic'). */
  nonce: string;
}

declare module "react" {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      "altcha-widget": {
        challenge: string;
        name: string;
        language: string;
        auto: "onload";
        configuration: string;
        "data-strings": string;
      };
    }
  }
}

/**
 * The only script a guest page may carry, and only while its step asks for a proof of work: the
 * self-hosted ALTCHA widget solves the challenge as soon as the page loads (so it is done while
 * the person types) and puts the solution in the form's `altcha` field. Without JavaScript the
 * page says why this step cannot be done now; the server refuses the form without a solution.
 */
export function ProofOfWorkField({ pow, locale, t }: { pow: ProofOfWorkChallenge | null; locale: string; t: Translate }) {
  if (!pow) return null;
  const strings = Object.fromEntries(WIDGET_STRINGS.map((key) => [key, t(`signUpProtection.proofOfWork.widget.${key}`)]));
  return (
    <div className="mt-6">
      <link rel="stylesheet" href={`${ASSETS}/widget.css`} />
      {/* A module runs after the document is parsed (deferred anyway), when the widget is there. */}
      <script type="module" defer src={`${ASSETS}/start.js`} nonce={pow.nonce} />
      <altcha-widget
        challenge={pow.challenge}
        name="altcha"
        language={locale}
        auto="onload"
        // The attribution link and logo point off-site; the widget is ours to serve.
        configuration={JSON.stringify({ hideFooter: true, hideLogo: true })}
        data-strings={JSON.stringify(strings)}
      />
      <noscript>
        <p className="rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900">
          {t("signUpProtection.proofOfWork.noScript")}
        </p>
      </noscript>
    </div>
  );
}
