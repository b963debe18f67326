import { invitationActionRoute } from "../../../_lib/invitation-action";

export const POST = invitationActionRoute("reset");
