import { describe, expect, it } from "vitest";
import { createOutsiderSessions, OUTSIDER_COOKIE } from "./outsider-session";

const identity = { issuer: "urn:guestgate:email-otp", subject: "ann@partner.example", email: "ann@partner.example" };
const valueOf = (header: string) => header.split(";")[0]!.slice(OUTSIDER_COOKIE.length + 1);

describe("the My Access outsider session", () => {
  let clock = 1_000_000;
  const sessions = createOutsiderSessions(Buffer.alloc(32, 1), { secure: true, now: () => clock });

  it("reads back the identity it started, on the tenant's My Access path only", () => {
    const header = sessions.start("contoso", identity);
    expect(header).toContain("Path=/contoso/myaccess;");
    expect(header).toContain("HttpOnly");
    expect(header).toContain("Secure");
    expect(sessions.read("contoso", valueOf(header))).toEqual(identity);
  });

  it("refuses another tenant's, a forged, another key's and an expired cookie", () => {
    const value = valueOf(sessions.start("contoso", identity));
    expect(sessions.read("fabrikam", value)).toBeNull();
    const [payload, signature] = value.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), email: "eve@x.example" }),
    );
    expect(sessions.read("contoso", `${forged.toString("base64url")}.${signature}`)).toBeNull();
    const other = createOutsiderSessions(Buffer.alloc(32, 2), { secure: true, now: () => clock });
    expect(other.read("contoso", value)).toBeNull();
    clock += 3601 * 1000;
    expect(sessions.read("contoso", value)).toBeNull();
    expect(sessions.read("contoso", "garbage")).toBeNull();
  });
});
