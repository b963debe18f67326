/**
 * The one piece of client JavaScript of the portal's sign-in: WebAuthn ceremonies need
 * navigator.credentials, which only a script can call. It runs by CSP nonce, finds the elements
 * marked `data-webauthn` ("authenticate" or "register"), shows them only where the browser has
 * the JSON helpers of WebAuthn Level 3 (parse…OptionsFromJSON, toJSON), asks the server for
 * options, runs the ceremony, posts the result and follows the `redirect` the server answers.
 * Everything else of the portal works without it.
 */
export const PASSKEY_SCRIPT = `(() => {
  const PKC = window.PublicKeyCredential;
  if (!PKC || !PKC.parseRequestOptionsFromJSON || !PKC.parseCreationOptionsFromJSON) return;
  const post = async (url, body) => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(json.error || "failed");
    return json;
  };
  for (const root of document.querySelectorAll("[data-webauthn]")) {
    root.hidden = false;
    const status = root.querySelector("[data-status]");
    const form = root.querySelector("form");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      button.disabled = true;
      status.textContent = root.dataset.working;
      try {
        const extra = Object.fromEntries(new FormData(form));
        const options = await post(root.dataset.options, extra);
        const credential = root.dataset.webauthn === "register"
          ? await navigator.credentials.create({ publicKey: PKC.parseCreationOptionsFromJSON(options) })
          : await navigator.credentials.get({ publicKey: PKC.parseRequestOptionsFromJSON(options) });
        const done = await post(root.dataset.verify, { ...extra, response: credential.toJSON() });
        window.location.assign(done.redirect);
      } catch (error) {
        status.textContent = (error && root.dataset["error" + error.message]) || root.dataset.failed;
        button.disabled = false;
      }
    });
  }
})();`;
