import { registryEvents } from "../../visits/draft-from-registry";
import { Msg, VisitForm } from "../../visits/pages/components";
import { eventKey } from "../../visits/pages/household.page";
import type { VisitFrameView } from "../../visits/visits.presenters";
import { SelectField } from "../../web/components/fields";
import { Ja } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import type { CandidateView, CardMatchView } from "./card-match.presenter";

function Candidate({
  ctx,
  visit,
  c,
  cardAddress,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  c: CandidateView;
  cardAddress: string;
}) {
  const { t } = ctx;
  return (
    <li class="card-match__candidate">
      <h3>
        <Ja ctx={ctx}>{c.name}</Ja>
      </h3>
      <p>
        {t("card.birthDate")}: {c.birthDate}
      </p>
      <table class="card-match__compare">
        <caption class={c.addressMatches ? "" : "card-match__differs"}>
          {c.addressMatches ? t("card.addressSame") : t("card.addressDiffers")}
        </caption>
        <tbody>
          <tr>
            <th scope="row">{t("card.cardAddress")}</th>
            <td>
              <Ja ctx={ctx}>{cardAddress}</Ja>
            </td>
          </tr>
          <tr>
            <th scope="row">{t("card.registryAddress")}</th>
            <td>
              <Ja ctx={ctx}>{c.registryAddress}</Ja>
            </td>
          </tr>
        </tbody>
      </table>
      <VisitForm ctx={ctx} visit={visit} action="registry-household">
        <input type="hidden" name="householdId" value={c.householdId} />
        <input type="hidden" name="residentId" value={c.id} />
        <SelectField
          id={`reason-${c.id}`}
          name="reason"
          label={t("card.reasonLabel")}
          value={c.addressMatches ? "move-within" : "change"}
          options={[...registryEvents, "change" as const].map((x) => ({
            value: x,
            label: eventKey[x] ? t(eventKey[x]) : x,
          }))}
        />
        <button class="button" type="submit">
          <Msg t={t} k="card.openHousehold" parts={{ name: <Ja ctx={ctx}>{c.name}</Ja> }} />
        </button>
      </VisitForm>
    </li>
  );
}

/**
 * After a card read: the identity check is recorded; the card's four attributes beside the registry's
 * candidates (address compared), each household to open, or a move-in household to start from the card.
 */
export function CardMatchPage({
  ctx,
  visit,
  view,
  moveIn,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  view: CardMatchView;
  /** The household form's fields of a move-in from the card. */
  moveIn: [string, string][];
}) {
  const { t } = ctx;
  const { card } = view;
  return (
    <>
      <h1>{t("card.matchTitle")}</h1>
      <p class="notice" role="status">
        {t("card.identityRecorded")}
      </p>
      <h2>{t("card.cardHeading")}</h2>
      <dl class="summary-list">
        <dt>{t("card.name")}</dt>
        <dd>
          <Ja ctx={ctx}>{card.name}</Ja>
        </dd>
        <dt>{t("card.address")}</dt>
        <dd>
          <Ja ctx={ctx}>{card.address}</Ja>
        </dd>
        <dt>{t("card.birthDate")}</dt>
        <dd>{card.birthDate}</dd>
        <dt>{t("card.sex")}</dt>
        <dd>{card.sex}</dd>
      </dl>
      {card.privateUse ? <p class="warning">{t("card.privateUse")}</p> : null}
      <h2>{t("card.candidatesHeading")}</h2>
      <p>{t("card.candidatesLead")}</p>
      {view.candidates.length === 0 ? <p>{t("card.noCandidates")}</p> : null}
      {view.more ? <p>{t("card.moreCandidates")}</p> : null}
      <ul class="card-match__list">
        {view.candidates.map((c) => (
          <Candidate ctx={ctx} visit={visit} c={c} cardAddress={card.address} />
        ))}
      </ul>
      {view.candidates.length > 0 ? <p>{t("card.addressUpdateRegistry")}</p> : null}
      <h2>{t("card.moveInHeading")}</h2>
      <p>{t("card.moveInLead")}</p>
      <p>{t("card.addressUpdateOffer")}</p>
      <VisitForm ctx={ctx} visit={visit} action="household">
        {moveIn.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {/* Shows the household form filled (a no-op member action): the clerk completes and confirms it. */}
        <button class="button button--secondary" type="submit" name="action" value="unlock:0">
          {t("card.moveInButton")}
        </button>
      </VisitForm>
      <p>
        <a href={`/visits/${visit.id}`}>{t("card.continueToHousehold")}</a>
      </p>
    </>
  );
}
