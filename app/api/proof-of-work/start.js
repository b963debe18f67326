// The proof-of-work widget's start, loaded (with the page's CSP nonce) only by a journey page that
// asks for a solution. The widget module registers <altcha-widget>; before its first solve (a
// timer after it mounts) this registers the PBKDF2 worker our challenges use and the page's
// words, which the page put on the element (data-strings) in its language.
import "./widget.js";

const { $altcha } = globalThis;
const worker = new URL("./pbkdf2.js", import.meta.url);
$altcha.algorithms.set("PBKDF2/SHA-256", () => new Worker(worker));
for (const widget of document.querySelectorAll("altcha-widget[data-strings]")) {
  $altcha.i18n.set(widget.getAttribute("language"), JSON.parse(widget.dataset.strings));
}
