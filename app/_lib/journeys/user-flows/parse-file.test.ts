import { describe, expect, it } from "vitest";
import { parseUserFlowsFile } from "./parse-file";
import { demoFile, demoFileText, sourceMessages, tenant, WOODGROVE_BUSINESS, WOODGROVE_SHOP } from "./test-fixtures";

type File = { userFlows: Record<string, unknown>[] };

const problemsOf = (file: unknown, slug = "woodgrove", options = {}) => {
  const result = parseUserFlowsFile(typeof file === "string" ? file : JSON.stringify(file), tenant(slug), {
    sourceMessages,
    ...options,
  });
  if (result.ok) throw new Error("expected the file to be rejected");
  return result.error.problems;
};
const woodgroveWith = (patch: (file: File) => void): File => {
  const file = demoFile("woodgrove") as File;
  patch(file);
  return file;
};
const flow = (file: File, index = 0) => file.userFlows[index]!;
const attributes = (file: File) => flow(file).attributes as Record<string, unknown>[];

describe("user-flows file", () => {
  it.each(["woodgrove", "sparbanken"])("accepts the %s demo flows", (slug) => {
    const result = parseUserFlowsFile(demoFileText(slug), tenant(slug), { sourceMessages });
    expect(result.ok ? result.userFlows.map((f) => f.name) : result.error.problems).toEqual(["signup-signin"]);
  });

  it("resolves built-ins and declares custom attributes in the flow's order", () => {
    const result = parseUserFlowsFile(demoFileText("woodgrove"), tenant("woodgrove"));
    if (!result.ok) throw result.error;
    const [woodgrove] = result.userFlows;
    expect(woodgrove!.attributes.map((a) => [a.definition.name, a.definition.kind, a.required])).toEqual([
      ["displayName", "builtIn", true],
      ["givenName", "builtIn", true],
      ["surname", "builtIn", true],
      ["companyName", "builtIn", false],
      ["country", "builtIn", true],
      ["dietaryPreference", "custom", false],
    ]);
    expect(woodgrove!.attributes[3]!.apps).toEqual([WOODGROVE_BUSINESS]);
    expect(woodgrove!).toMatchObject({ enabled: true, signUpAllowed: true, defaultCountry: "NL" });
  });

  it("names the path of an unknown built-in", () => {
    const file = woodgroveWith((f) => (attributes(f)[2] = { name: "lastName", required: true }));
    expect(problemsOf(file)).toEqual([
      expect.stringMatching(
        /^userFlows\[0\]\.attributes\[2\]\.name: "lastName" is not a built-in attribute \(displayName, .*\); a custom attribute needs a "type"$/,
      ),
    ]);
  });

  it("names the path of a bad custom attribute setting", () => {
    const file = woodgroveWith(
      (f) =>
        ((attributes(f)[5] as Record<string, unknown>).options = [{ value: "no spaces please", label: { nl: "x", en: "x" } }]),
    );
    expect(problemsOf(file)).toEqual([
      expect.stringMatching(/^userFlows\[0\]\.attributes\[5\]\.options\[0\]\.value: 1–64 letters/),
    ]);
  });

  it("refuses an identity provider the tenant does not have", () => {
    const file = woodgroveWith((f) => (flow(f).identityProviders = ["email", "google"]));
    expect(problemsOf(file)).toEqual([
      'userFlows[0].identityProviders[1]: "google" is not an identity provider of tenant woodgrove (it has: email, contoso, contoso-work)',
    ]);
  });

  it("refuses an app assigned to two flows", () => {
    const file = woodgroveWith((f) => {
      const loyalty: Record<string, unknown> = {
        ...structuredClone(flow(f)),
        name: "loyalty",
        applications: ["a1", WOODGROVE_SHOP],
      };
      delete (loyalty.attributes as Record<string, unknown>[])[3]!.apps;
      f.userFlows.push(loyalty);
    });
    expect(problemsOf(file)).toEqual([
      `userFlows[1].applications[1]: "${WOODGROVE_SHOP}" is already assigned to user flow "signup-signin"; an app uses one flow`,
    ]);
  });

  it("refuses two flows with one name, and one custom attribute name declared two ways", () => {
    const file = woodgroveWith((f) => {
      const copy = structuredClone(flow(f));
      copy.applications = [];
      (copy.attributes as Record<string, unknown>[]).forEach((a) => delete a.apps);
      (copy.attributes as Record<string, unknown>[])[5] = {
        name: "dietaryPreference",
        type: "boolean",
        label: { nl: "Vegan?", en: "Vegan?" },
      };
      f.userFlows.push(copy);
    });
    expect(problemsOf(file)).toEqual([
      'userFlows[1].name: "signup-signin" is used twice',
      'userFlows[1].attributes[5].type: custom attribute "dietaryPreference" is declared differently in user flow "signup-signin"; one name holds one kind of value in a tenant',
    ]);
  });

  it("needs every text in every language the tenant offers", () => {
    const file = woodgroveWith(
      (f) => ((attributes(f)[5] as { label: Record<string, string> }).label = { en: "Dietary preference" }),
    );
    expect(problemsOf(file)).toEqual(["userFlows[0].attributes[5].label: needs a text for nl (tenant woodgrove offers nl, en)"]);
    const sparbanken = demoFile("sparbanken") as File;
    delete (attributes(sparbanken)[5] as { help: Record<string, string> }).help.sv;
    expect(problemsOf(sparbanken, "sparbanken")).toEqual([
      "userFlows[0].attributes[5].help: needs a text for sv (tenant sparbanken offers sv, en)",
    ]);
  });

  it("keeps per-app attributes to the flow's own apps", () => {
    const file = woodgroveWith((f) => (attributes(f)[3]!.apps = ["somebody-else"]));
    expect(problemsOf(file)).toEqual([
      'userFlows[0].attributes[3].apps[0]: "somebody-else" is not one of this flow\'s applications, so the attribute would never be asked',
    ]);
  });

  it("refuses token claims for attributes the flow does not collect, but always allows email", () => {
    const file = woodgroveWith((f) => (flow(f).tokenClaims = ["email", "jobTitle"]));
    expect(problemsOf(file)).toEqual(['userFlows[0].tokenClaims[1]: "jobTitle" is not an attribute of this user flow']);
  });

  it("refuses asking for email: it comes from the identity", () => {
    const file = woodgroveWith((f) => attributes(f).push({ name: "email", required: true }));
    expect(problemsOf(file)).toEqual([
      'userFlows[0].attributes[6].required: "email" comes from the identity provider and cannot be asked for',
    ]);
  });

  it("checks overrides against the messages: known keys, valid ICU, no invented arguments", () => {
    const file = woodgroveWith(
      (f) =>
        (flow(f).overrides = {
          nl: {
            "attributes.page.nope": "x",
            "attributes.page.intro": "Welkom bij {organisation}",
            "attributes.page.title": "Welkom {",
          },
        }),
    );
    expect(problemsOf(file)).toEqual([
      "userFlows[0].overrides.nl.attributes.page.nope: is not a message key of Guestgate",
      "userFlows[0].overrides.nl.attributes.page.intro: uses {organisation}, which this message does not provide",
      "userFlows[0].overrides.nl.attributes.page.title: is not a valid ICU message (check the braces)",
    ]);
    const fine = woodgroveWith(
      (f) => (flow(f).overrides = { nl: { "attributes.page.intro": "Welkom! {tenant} vraagt nog een paar dingen." } }),
    );
    expect(parseUserFlowsFile(JSON.stringify(fine), tenant("woodgrove"), { sourceMessages }).ok).toBe(true);
  });

  it("checks assigned apps against the tenant's registered apps when it knows them", () => {
    expect(problemsOf(demoFile("woodgrove"), "woodgrove", { knownClientIds: [WOODGROVE_SHOP] })).toEqual([
      `userFlows[0].applications[1]: "${WOODGROVE_BUSINESS}" is not an application of tenant woodgrove`,
    ]);
  });

  it("rejects unknown keys, and says when the file is not JSON", () => {
    expect(problemsOf(woodgroveWith((f) => (flow(f).signupAllowed = false)))).toEqual([
      'userFlows[0]: Unrecognized key: "signupAllowed"',
    ]);
    expect(problemsOf("{ userFlows: ")[0]).toMatch(/^is not JSON: /);
    expect(problemsOf({ userFlows: [{ name: "x" }] })).toContain(
      "userFlows[0].name: 3–64 lower-case letters, digits or hyphens, starting with a letter",
    );
  });

  it("reports problems through ConfigError, so start-up code can throw it", () => {
    const result = parseUserFlowsFile("[]", tenant("woodgrove"), { source: "flows/woodgrove.json" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^flows\/woodgrove\.json is not valid:\n {2}- \(root\): /);
  });
});
