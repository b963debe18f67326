import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { KNOWN_TYPES, type AuditRecord } from "../../../_lib/audit";
import type { Party } from "../_lib/audit-names";

const LINK =
  "font-semibold text-blue-800 underline hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";

/** One event in the admin's language: the message of its type, or a generic one for types added later. */
export async function AuditEventText({ record, actor, target }: { record: AuditRecord; actor: Party; target?: Party }) {
  const t = await getTranslations("admin.audit");
  const partyText = (party: Party | undefined): string => {
    if (!party) return t("actors.unknown");
    switch (party.kind) {
      case "person":
        return party.role ? t("actors.administrator", { name: party.name, role: t(`roles.${party.role}`) }) : party.name;
      case "application":
        return t("actors.application", { name: party.name });
      case "system":
        return t("actors.system", { name: party.name });
      case "formerGuest":
        return t("actors.formerGuest", { id: party.id });
      case "other":
        return party.id;
    }
  };
  const linked = (party: Party | undefined) => {
    const Linked = (chunks: ReactNode) =>
      party && "href" in party && party.href ? (
        <a href={party.href} className={LINK}>
          {chunks}
        </a>
      ) : (
        <span className="font-semibold">{chunks}</span>
      );
    return Linked;
  };
  const values = {
    actorName: partyText(actor),
    targetName: partyText(target),
    self: record.actorId && record.actorId === record.targetId ? "yes" : "no",
  };
  const tags = { actor: linked(actor), target: linked(target) };
  if (KNOWN_TYPES.includes(record.type)) {
    // The key is one of the catalog's event messages (messages/*.json admin.audit.events, one per known type).
    const key = `events.${record.type}` as Parameters<typeof t.rich>[0];
    return <>{t.rich(key, { ...values, ...tags } as never)}</>;
  }
  return (
    <>
      {target
        ? t.rich("generic.withTarget", { ...values, type: record.type, ...tags })
        : t.rich("generic.withoutTarget", { ...values, type: record.type, ...tags })}
    </>
  );
}
