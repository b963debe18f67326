import type { getTranslations } from "next-intl/server";

/** The section's messages (admin.invitations), as the server components receive them. */
export type InvitationsT = Awaited<ReturnType<typeof getTranslations<"admin.invitations">>>;
