import type { UserInfoResponse } from "openid-client";

/** The demo's signed-in state, sealed in a cookie: the ID token (claims shown, and id_token_hint on logout). */
export interface DemoSession {
  tenant: string;
  lang?: string;
  idToken: string;
}

/** The userinfo response, in a cookie of its own so that neither cookie nears the browser's 4 KB limit. */
export interface DemoUserinfo {
  userinfo: UserInfoResponse;
}
