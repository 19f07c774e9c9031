import { settingsForMunicipality } from "../../catalog/municipalities";
import type { DbOrTx } from "../../db/database";
import { emptyDraft, type GuidanceDraft } from "../../guidance/guidance-form";
import { destinationCatalog } from "../../handoff/destination-catalog";
import { presentStatuses } from "../../handoff/handoff.presenters";
import { handoffRepository } from "../../handoff/handoff.repository";
import { openReasons } from "../../registry/open-household";
import type { ResidentRegistryPort } from "../../registry/registry.port";
import { birthDateOf } from "../../registry/search-residents";
import { familyEvents } from "../draft-from-registry";
import { type VisitRow, visitRepository } from "../visit.repository";
import {
  presentAccepted,
  presentIdentity,
  presentInterview,
  presentKnownFacts,
  presentPlan,
  presentResidentHits,
  presentReview,
} from "../visits.presenters";
import type { VisitStepView } from "./visit.page";
import { unnamedMemberLabel } from "./visit-frame.presenter";

export interface VisitStepSources {
  db: DbOrTx;
  registry: ResidentRegistryPort;
  /** Today in Japan (ISO date): a new household form's event date. */
  today: string;
}

export interface VisitStepInput {
  /** The registry search on the household step (name or kana, date of birth). */
  q: string;
  birthDate: string;
  /** The registry household the household form was prefilled from, if any. */
  registryHouseholdId: string;
  /** The household form as posted or prefilled. */
  draft?: GuidanceDraft | undefined;
  /** Answers just posted and refused: shown again as typed. */
  answers?: Record<string, unknown> | undefined;
}

/**
 * The view of the visit's current step. Most steps are the visit's own data; the household step reads
 * the registry search, and an accepted visit its applications and their deliveries.
 */
export async function presentVisitStep(
  sources: VisitStepSources,
  visit: VisitRow,
  input: VisitStepInput,
): Promise<VisitStepView> {
  const { db } = sources;
  switch (visit.state) {
    case "reception":
      return { step: "reception" };
    case "identity":
      return { step: "identity", identity: presentIdentity() };
    case "household": {
      const { q, birthDate } = input;
      // The date as typed (S55.4.2, 昭和55年4月2日 …) through the one parser; one that cannot be read
      // is the field's problem and searches nothing, rather than reaching the database as text.
      const read = birthDate ? birthDateOf(birthDate) : undefined;
      const problems = read && "problem" in read ? [read.problem] : [];
      const iso = read && "iso" in read ? read.iso : undefined;
      const found =
        (q || iso) && problems.length === 0
          ? await sources.registry.search(visit.municipalityId, {
              ...(q ? { name: q } : {}),
              ...(iso ? { birthDate: iso } : {}),
              limit: 20,
            })
          : undefined;
      const draft = input.draft ?? emptyDraft(sources.today);
      const household = {
        search: { q, birthDate, results: found ? presentResidentHits(found) : undefined, problems },
        // The family events are opened as 届出事項の変更 (visit-registry.routes.ts), listed before it.
        reasons: openReasons.flatMap((x) =>
          x === "certificate" ? [] : x === "change" ? [...familyEvents, x] : [x],
        ),
        reason: draft.event.type,
        draft,
        registryHouseholdId: input.registryHouseholdId,
      };
      return { step: "household", household };
    }
    case "plan":
      return { step: "plan", procedures: presentPlan(visit, settingsForMunicipality(visit.municipalityId)) };
    case "interview":
      return {
        step: "interview",
        questions: presentInterview(visit, input.answers, unnamedMemberLabel),
        known: presentKnownFacts(visit),
      };
    case "review":
    case "signature":
      return { step: "review", forms: presentReview(visit) };
    case "accepted":
    case "closed": {
      const applications = await visitRepository(db).listApplications(visit.municipalityId, visit.id);
      const deliveries = await handoffRepository(db).listForApplications(
        visit.municipalityId,
        applications.map((a) => a.id),
      );
      const destinations = destinationCatalog().municipalities[visit.municipalityId]?.destinations ?? [];
      const accepted = presentAccepted(visit, applications, (id) =>
        presentStatuses(
          deliveries.filter((d) => d.applicationId === id),
          destinations,
        ),
      );
      return { step: "accepted", accepted };
    }
    default:
      return { step: "cancelled" };
  }
}
