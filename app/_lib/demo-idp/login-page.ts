// Contoso ID's own sign-in page: the upstream's page, not Guestgate's, so its few words live here
// (in the four languages the demo tenants use, picked from Accept-Language as a real provider would).
import { DEMO_ACCOUNTS, DEMO_IDP_PASSWORD } from "./accounts";

const NNBSP = "\u202f";

const TEXT = {
  en: {
    title: "Sign in – Contoso ID",
    heading: "Sign in to Contoso ID",
    intro: "A demo identity provider on this machine. Sign in as one of its people:",
    password: "Password",
    email: "Email address",
    submit: "Sign in",
    cancel: "Cancel",
    wrong: "That email address and password do not match a Contoso ID account.",
    hint: `Password for every account: ${DEMO_IDP_PASSWORD}`,
  },
  nl: {
    title: "Aanmelden – Contoso ID",
    heading: "Aanmelden bij Contoso ID",
    intro: "Een demo-identiteitsprovider op deze computer. Meld u aan als een van deze personen:",
    password: "Wachtwoord",
    email: "E-mailadres",
    submit: "Aanmelden",
    cancel: "Annuleren",
    wrong: "Dit e-mailadres en wachtwoord horen niet bij een account van Contoso ID.",
    hint: `Wachtwoord van elk account: ${DEMO_IDP_PASSWORD}`,
  },
  sv: {
    title: "Logga in – Contoso ID",
    heading: "Logga in på Contoso ID",
    intro: "En demoidentitetsleverantör på den här datorn. Logga in som någon av de här personerna:",
    password: "Lösenord",
    email: "E-postadress",
    submit: "Logga in",
    cancel: "Avbryt",
    wrong: "E-postadressen och lösenordet stämmer inte med något konto hos Contoso ID.",
    hint: `Lösenord för alla konton: ${DEMO_IDP_PASSWORD}`,
  },
  fr: {
    title: "Connexion – Contoso ID",
    heading: "Connexion à Contoso ID",
    intro: `Un fournisseur d’identité de démonstration sur cet ordinateur. Connectez-vous en tant que l’une de ces personnes${NNBSP}:`,
    password: "Mot de passe",
    email: "Adresse e-mail",
    submit: "Se connecter",
    cancel: "Annuler",
    wrong: "Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte Contoso ID.",
    hint: `Mot de passe de chaque compte${NNBSP}: ${DEMO_IDP_PASSWORD}`,
  },
} as const;

export type DemoIdpLanguage = keyof typeof TEXT;

/** The first of en/nl/sv/fr in the Accept-Language header (RFC 9110 §12.5.4), by weight; else English. */
export function pickLanguage(acceptLanguage: string | undefined): DemoIdpLanguage {
  const ranges = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { language: range.toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const found = ranges.find((entry) => ["en", "nl", "sv", "fr"].includes(entry.language));
  return (found?.language as DemoIdpLanguage | undefined) ?? "en";
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function loginPage(options: {
  language: DemoIdpLanguage;
  action: string;
  cancel: string;
  login: string;
  failed: boolean;
}): string {
  const t = TEXT[options.language];
  const people = DEMO_ACCOUNTS.map((a) => `<li>${escape(a.name)} – <code>${escape(a.login)}</code></li>`).join("");
  const error = options.failed ? `<p role="alert" id="error" class="error">${escape(t.wrong)}</p>` : "";
  return `<!doctype html>
<html lang="${options.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#eef2f7;color:#1b1f24;margin:0;display:flex;justify-content:center}
main{background:#fff;margin:2rem 1rem;padding:2rem;max-width:26rem;width:100%;border-radius:.5rem;box-shadow:0 2px 8px #0002}
.brand{font-weight:700;color:#5a2d91;letter-spacing:.02em}
label{display:block;margin-top:1rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #57606a;border-radius:.25rem;font-size:1rem}
button{margin-top:1.5rem;width:100%;padding:.7rem;background:#5a2d91;color:#fff;border:2px solid #5a2d91;border-radius:.25rem;font-size:1rem}
:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}
.error{color:#a40e26;font-weight:600}
</style></head>
<body><main>
<p class="brand">Contoso ID</p>
<h1>${escape(t.heading)}</h1>
<p>${escape(t.intro)}</p>
<ul>${people}</ul>
<p>${escape(t.hint)}</p>
${error}
<form method="post" action="${escape(options.action)}">
  <label for="login">${escape(t.email)}</label>
  <input id="login" name="login" type="email" autocomplete="username" required value="${escape(options.login)}"${options.failed ? ' aria-describedby="error"' : ""}>
  <label for="password">${escape(t.password)}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">${escape(t.submit)}</button>
</form>
<p><a href="${escape(options.cancel)}">${escape(t.cancel)}</a></p>
</main></body></html>`;
}
