import { adminSignInKind } from "./admin-sign-in/kind";
import { createJourneyKinds, type JourneyKinds } from "./engine/kind";
import { myAccessKind } from "./my-access/kind";
import { profileKind } from "./profile/kind";
import { redemptionKind } from "./redemption/kind";
import { signUpKind } from "./signup/kind";

/** Every journey kind Guestgate runs; `Journey.kind` names one. Invitations and access requests join here. */
export function defaultJourneyKinds(): JourneyKinds {
  return createJourneyKinds([signUpKind, profileKind, redemptionKind, adminSignInKind, myAccessKind]);
}
