import type { InteractionResult, StoredRequest } from "../../interaction/interaction";
import type { InteractionRecord } from "../../ports";
import type { TenantUrls } from "../../urls";
import type { RequestCheckContext } from "../context";
import type { Authentication } from "../respond";

export interface ResumeContext extends RequestCheckContext {
  request: Request;
  urls: TenantUrls;
  /** The interaction's id, from the resume URL. */
  id: string;
  now: Date;
  interaction?: InteractionRecord;
  /** The authorization request as authorize validated and stored it, once restored. */
  authorization: Partial<StoredRequest>;
  /** What the journey handed in: a sign-in, or an error for the client. */
  result?: InteractionResult;
  /** Who signed in, once the journey's result is a sign-in. */
  login?: Authentication;
}

/** A resume step throws an OAuthError, or answers early (the person has not finished the journey yet). */
export type ResumeStep = (ctx: ResumeContext) => void | Response | Promise<void | Response>;
