import { settingsForMunicipality } from "../../catalog/municipalities";
import { eventTypes } from "../../catalog/vocabulary";
import type { DbOrTx } from "../../db/database";
import { draftFromHousehold, emptyDraft, type GuidanceDraft } from "../../guidance/guidance-form";
import type { Household } from "../../guidance/household.schema";
import { destinationCatalog } from "../../handoff/destination-catalog";
import { presentStatuses } from "../../handoff/handoff.presenters";
import { handoffRepository } from "../../handoff/handoff.repository";
import { mergeWithRegistry } from "../../preapply/merge-with-registry";
import { openReasons } from "../../registry/open-household";
import type { ResidentRegistryPort } from "../../registry/registry.port";
import { birthDateOf } from "../../registry/search-residents";
import { type VisitRow, visitRepository } from "../visit.repository";
import { MAX_VISIT_EVENTS, unionHousehold, visitHouseholds } from "../visit-events";
import {
  presentAccepted,
  presentCosigners,
  presentIdentity,
  presentInterview,
  presentKnownFacts,
  presentPlan,
  presentResidentHits,
  presentReview,
} from "../visits.presenters";
import type { ResidentDifferenceView } from "./resident-differences";
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
  /** At the plan step: the further event staff chose to add (the form opens with the visit's people). */
  addEvent?: string | undefined;
}

/**
 * The household form for a further event: the visit's people (the union of its events' households,
 * under their ids), the chosen event on the first event's day, nothing of the earlier events' own.
 */
function addEventDraft(households: Household[], type: string, today: string, visit: VisitRow): GuidanceDraft {
  const event = eventTypes.find((e) => e === type) ?? "move-in";
  if (households.length === 0) return emptyDraft(today);
  const people = unionHousehold(households);
  return draftFromHousehold({ ...people, event: { type: event, date: people.event.date } }, today, {
    fromRegistry: visit.source === "registry",
  });
}

/**
 * A visit from a pre-application whose registry household staff just opened (`?household=`, the draft
 * merged by withPreApplication): the resident's facts the registry's replaced. The merged draft's
 * members carry the registry's facts, so merging the resident's entry into it again finds the same
 * differences. Nothing for any other visit, nor for a posted form.
 */
function residentDifferences(
  visit: VisitRow,
  input: VisitStepInput,
  draft: GuidanceDraft,
  today: string,
): { residentDifferences?: ResidentDifferenceView[] } {
  if (visit.source !== "pre-application" || !visit.household || !input.registryHouseholdId || !input.draft)
    return {};
  const found = mergeWithRegistry(draft, visit.household, today).differences;
  if (found.length === 0) return {};
  return {
    residentDifferences: found.map((d) => ({ ...d, name: draft.members[d.position - 1]?.name ?? "" })),
  };
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
        // A certificate is not a visit's reason: the counter's own reasons, each audited as chosen.
        reasons: openReasons.filter((x) => x !== "certificate"),
        reason: draft.event.type,
        draft,
        registryHouseholdId: input.registryHouseholdId,
        laterEvents: (visitHouseholds(visit) ?? []).slice(1).map((h) => h.event.type),
        ...residentDifferences(visit, input, draft, sources.today),
      };
      return { step: "household", household };
    }
    case "plan": {
      const households = visitHouseholds(visit) ?? [];
      const events = households.map((h) => h.event.type);
      if (input.draft || input.addEvent) {
        const draft = input.draft ?? addEventDraft(households, input.addEvent ?? "", sources.today, visit);
        return { step: "add-event", draft };
      }
      return {
        step: "plan",
        procedures: presentPlan(visit, settingsForMunicipality(visit.municipalityId)),
        events: {
          events,
          addable: events.length >= MAX_VISIT_EVENTS ? [] : eventTypes.filter((e) => !events.includes(e)),
        },
      };
    }
    case "interview":
      return {
        step: "interview",
        questions: presentInterview(visit, input.answers, unnamedMemberLabel),
        known: presentKnownFacts(visit),
        // The procedures taken here today, each linked to its manual entry at the top of the page.
        procedures: presentPlan(visit, settingsForMunicipality(visit.municipalityId)).filter(
          (p) => p.handling === "one-stop" && !p.declined,
        ),
      };
    case "review":
    case "signature":
      return { step: "review", forms: presentReview(visit), cosigners: presentCosigners(visit) };
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
