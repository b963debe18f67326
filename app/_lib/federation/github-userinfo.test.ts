import { describe, expect, it } from "vitest";
import { githubUserinfoRequest } from "./github-userinfo";

const user = { login: "octocat", id: 583231, name: "The Octocat", email: "public@octocat.example" };
const call = (emails: unknown, status = 200) => {
  const seen: string[] = [];
  const fake: typeof fetch = async (input) => {
    const url = String(input);
    seen.push(url);
    return url.endsWith("/user/emails") ? Response.json(emails, { status }) : Response.json(user);
  };
  const request = githubUserinfoRequest(fake);
  return {
    seen,
    run: () =>
      request({ tokens: { access_token: "gho_x" }, provider: { userinfo: { url: new URL("https://api.github.com/user") } } }),
  };
};

describe("githubUserinfoRequest", () => {
  it("uses the primary address and GitHub's verified flag from GET /user/emails", async () => {
    const { run, seen } = call([
      { email: "public@octocat.example", primary: false, verified: true },
      { email: "octocat@github.com", primary: true, verified: true },
    ]);
    expect(await run()).toMatchObject({ id: 583231, email: "octocat@github.com", email_verified: true });
    expect(seen).toEqual(["https://api.github.com/user", "https://api.github.com/user/emails"]);
  });

  it("keeps an unverified primary address unverified", async () => {
    expect(await call([{ email: "new@octocat.example", primary: true, verified: false }]).run()).toMatchObject({
      email: "new@octocat.example",
      email_verified: false,
    });
  });

  it("falls back to the public profile, unverified, when the e-mail list is not available", async () => {
    expect(await call({ message: "Resource not accessible" }, 403).run()).toMatchObject({
      email: "public@octocat.example",
      email_verified: false,
    });
  });
});
