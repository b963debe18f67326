import type { ReactNode } from "react";
import { PASSKEY_SCRIPT } from "./passkey-script";

interface Props {
  mode: "authenticate" | "register";
  /** Where the options come from and the result goes (JSON routes of the portal). */
  options: string;
  verify: string;
  label: string;
  texts: { working: string; failed: string; refused: string; expired: string };
  /** Fields posted with both requests (returnTo, mode, a name for a new passkey). */
  children?: ReactNode;
}

/**
 * A passkey ceremony's form: hidden until the script (PASSKEY_SCRIPT) finds a browser that can
 * run it, so a browser without JavaScript or WebAuthn never sees a button that does nothing.
 */
export function PasskeyCeremony({ mode, options, verify, label, texts, children }: Props) {
  return (
    <div
      hidden
      data-webauthn={mode}
      data-options={options}
      data-verify={verify}
      data-working={texts.working}
      data-failed={texts.failed}
      data-errorrefused={texts.refused}
      data-errorexpired={texts.expired}
    >
      <form className="flex flex-wrap items-end gap-3">
        {children}
        <button
          type="submit"
          className="min-h-11 rounded border-2 border-gray-900 bg-white px-4 py-2 font-semibold text-gray-900 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900"
        >
          {label}
        </button>
      </form>
      <p data-status role="status" aria-live="polite" className="mt-2 text-sm text-gray-800" />
    </div>
  );
}

export function PasskeyScript({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: PASSKEY_SCRIPT }} />;
}
