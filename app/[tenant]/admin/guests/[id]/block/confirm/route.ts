import { guestActionRoute } from "../../../_lib/guest-action";

export const POST = guestActionRoute("block");
