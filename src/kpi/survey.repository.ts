import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database";
import { kpiSurveyAnswers } from "./kpi.table";

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** What the survey needs to know about the visit or ticket it follows: no personal data. */
export interface SurveySubject {
  municipalityId: string;
  officeId: string;
  visitId: string | null;
  ticketId: string | null;
  eventType: string | null;
  /** The ticket is done, or the visit accepted or closed: the survey comes after the visit. */
  ended: boolean;
  answered: boolean;
}

/** A visit (aliased v) as a survey subject: it ended once accepted or closed. */
const visitSubject = sql`
  select v.municipality_id as "municipalityId", v.office_id as "officeId", v.id as "visitId",
    v.ticket_id as "ticketId", v.household->'event'->>'type' as "eventType",
    (v.state in ('accepted', 'closed')) as ended,
    exists (select 1 from kpi_survey_answers s
      where s.visit_id = v.id or (v.ticket_id is not null and s.ticket_id = v.ticket_id)) as answered`;

export function surveyRepository(db: DbOrTx) {
  return {
    /** The ticket behind a phone token's hash (the QR on the ticket), with its visit if it opened one. */
    async subjectByTicketToken(tokenHash: string): Promise<SurveySubject | undefined> {
      const result = await db.execute(sql`
        select t.municipality_id as "municipalityId", t.office_id as "officeId", t.visit_id as "visitId",
          t.id as "ticketId", v.household->'event'->>'type' as "eventType",
          (t.status = 'done') as ended,
          exists (select 1 from kpi_survey_answers s
            where s.ticket_id = t.id or (t.visit_id is not null and s.visit_id = t.visit_id)) as answered
        from queue_tickets t
        left join visits v on v.id = t.visit_id and v.municipality_id = t.municipality_id
        where t.token_hash = ${tokenHash}`);
      return rowsOf<SurveySubject>(result)[0];
    },

    /** A visit of the staff member's municipality, for the survey on the counter tablet. */
    async subjectByVisit(municipalityId: string, visitId: string): Promise<SurveySubject | undefined> {
      const result = await db.execute(sql`
        ${visitSubject}
        from visits v
        where v.municipality_id = ${municipalityId} and v.id = ${visitId}`);
      return rowsOf<SurveySubject>(result)[0];
    },

    /** The visit behind the survey link printed on its guidance sheet. */
    async subjectBySurveyLink(token: string): Promise<SurveySubject | undefined> {
      const result = await db.execute(sql`
        ${visitSubject}
        from kpi_survey_links l join visits v on v.id = l.visit_id and v.municipality_id = l.municipality_id
        where l.token = ${token}`);
      return rowsOf<SurveySubject>(result)[0];
    },

    /** The visit's survey link token, made on first use (the same on every reprint of the sheet). */
    async surveyLinkFor(municipalityId: string, visitId: string, fresh: string): Promise<string> {
      await db.execute(sql`
        insert into kpi_survey_links (visit_id, municipality_id, token)
        select v.id, v.municipality_id, ${fresh} from visits v
        where v.id = ${visitId} and v.municipality_id = ${municipalityId}
        on conflict (visit_id) do nothing`);
      const result = await db.execute(sql`
        select token from kpi_survey_links where visit_id = ${visitId} and municipality_id = ${municipalityId}`);
      const token = rowsOf<{ token: string }>(result)[0]?.token;
      if (!token) throw new Error(`no visit ${visitId} in ${municipalityId}`);
      return token;
    },

    /** Inserts the answer unless one exists for the visit or ticket; returns whether it was recorded. */
    async insertAnswer(values: typeof kpiSurveyAnswers.$inferInsert): Promise<boolean> {
      const rows = await db
        .insert(kpiSurveyAnswers)
        .values(values)
        .onConflictDoNothing()
        .returning({ id: kpiSurveyAnswers.id });
      return rows.length === 1;
    },
  };
}
