import { type PageContext, tokyoDateTime } from "../../web/layout";

export interface AuditRow {
  occurredAt: Date;
  actorUsername: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
}

/** The latest entries of the append-only audit log, in Japan time with the exact instant in the markup. */
export function AuditLogPage({ ctx, entries }: { ctx: PageContext; entries: readonly AuditRow[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("common.auditLog")}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("tenancy.auditWhen")}</th>
            <th scope="col">{t("tenancy.auditWho")}</th>
            <th scope="col">{t("tenancy.auditAction")}</th>
            <th scope="col">{t("tenancy.auditOutcome")}</th>
            <th scope="col">{t("tenancy.auditTarget")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>
                <time datetime={e.occurredAt.toISOString()}>{tokyoDateTime(e.occurredAt, ctx.lang)}</time>
              </td>
              <td>{e.actorUsername ?? "—"}</td>
              <td>{e.action}</td>
              <td>{e.outcome}</td>
              <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
