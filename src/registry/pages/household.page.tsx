import { Ja } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import type { HistoryRow, HouseholdView, MemberView } from "./registry.presenter";

/** One member: identity as registered, then the facts the counter needs. */
function MemberCard({ ctx, member }: { ctx: PageContext; member: MemberView }) {
  const { t } = ctx;
  const headingId = `member-${member.id}`;
  return (
    <section class="member" aria-labelledby={headingId} data-testid="member">
      <h3 id={headingId}>
        <Ja ctx={ctx}>{member.name}</Ja>
        <span class="member__relation">（{member.relation}）</span>
      </h3>
      <dl class="summary-list">
        <dt>{t("registry.kana")}</dt>
        <dd>
          <Ja ctx={ctx}>{member.kana}</Ja>
        </dd>
        <dt>{t("registry.birthDate")}</dt>
        <dd>
          {member.birthDate}（{member.age}）
        </dd>
        <dt>{t("registry.sex")}</dt>
        <dd>{member.sex}</dd>
        <dt>{t("registry.residentNo")}</dt>
        <dd>{member.residentNo}</dd>
        {member.domicile.map((fact) => (
          <>
            <dt>{fact.label}</dt>
            <dd data-fact={fact.field}>{fact.japanese ? <Ja ctx={ctx}>{fact.value}</Ja> : fact.value}</dd>
          </>
        ))}
        {member.facts.map((fact) => (
          <>
            <dt>{fact.label}</dt>
            <dd data-fact={fact.field}>{fact.value}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href={`/registry/residents/${member.id}/edit`}>
          {t("registry.edit")}
          <span class="visually-hidden">
            : <Ja ctx={ctx}>{member.name}</Ja>
          </span>
        </a>
      </p>
    </section>
  );
}

function History({ ctx, rows }: { ctx: PageContext; rows: readonly HistoryRow[] }) {
  const { t } = ctx;
  if (rows.length === 0) return <p>{t("registry.noHistory")}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("registry.when")}</th>
          <th scope="col">{t("registry.fullName")}</th>
          <th scope="col">{t("registry.what")}</th>
          <th scope="col">{t("registry.change")}</th>
          <th scope="col">{t("registry.source")}</th>
          <th scope="col">{t("registry.who")}</th>
          <th scope="col">{t("registry.reason")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((h) => (
          <tr>
            <td>{h.when}</td>
            <td>
              <Ja ctx={ctx}>{h.residentName}</Ja>
            </td>
            <td>{h.what}</td>
            <td>{h.change}</td>
            <td>{h.source}</td>
            <td>{h.who}</td>
            <td>{h.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An opened household: its members with their facts, the history of changes, and the guidance link. */
export function HouseholdPage({
  ctx,
  household,
  notice,
}: {
  ctx: PageContext;
  household: HouseholdView;
  notice: string | undefined;
}) {
  const { t } = ctx;
  return (
    <>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <h1>
        {t("registry.household")}: <Ja ctx={ctx}>{household.title}</Ja>
      </h1>
      <dl class="summary-list">
        <dt>{t("registry.householdNo")}</dt>
        <dd>{household.householdNo}</dd>
        <dt>{t("registry.labelPostalCode")}</dt>
        <dd data-testid="postal-code">{household.postalCode}</dd>
        <dt>{t("registry.address")}</dt>
        <dd>
          <Ja ctx={ctx}>{household.address}</Ja>
        </dd>
      </dl>
      <p>
        <a class="button" href={`/guidance?household=${household.id}`} data-testid="start-guidance">
          {t("registry.startGuidance")}
        </a>
      </p>
      <h2>{t("registry.members")}</h2>
      {household.members.map((member) => (
        <MemberCard ctx={ctx} member={member} />
      ))}
      <h2>{t("registry.history")}</h2>
      <History ctx={ctx} rows={household.history} />
      <p>
        <a href="/registry/search">{t("registry.backToSearch")}</a>
      </p>
    </>
  );
}
