import type { GuidanceDraft } from "../../guidance/guidance-form";
import type { DeliveryStatusView } from "../../handoff/handoff.presenters";
import type { Problem } from "../../shared/errors";
import type { PageContext } from "../../web/layout";
import type {
  AcceptedView,
  IdentityView,
  KnownFactView,
  MemberRef,
  PlanRowView,
  QuestionView,
  ReviewFormView,
  VisitFrameView,
} from "../visits.presenters";
import { AcceptedPage } from "./accepted.page";
import { CancelledPage } from "./cancelled.page";
import { VisitFrame } from "./components";
import { HouseholdPage, type HouseholdPageView } from "./household.page";
import { IdentityPage } from "./identity.page";
import { InterviewPage } from "./interview.page";
import { PlanPage } from "./plan.page";
import { ReceptionPage } from "./reception.page";
import { ReviewPage } from "./review.page";
import { AddEventPage, type VisitEventsView } from "./visit-events.page";

/** What the page of the visit's current step shows (review and signature share one page, as do accepted and closed). */
export type VisitStepView =
  | { step: "reception" }
  | { step: "identity"; identity: IdentityView }
  | { step: "household"; household: HouseholdPageView }
  | { step: "plan"; procedures: PlanRowView[]; events: VisitEventsView }
  | { step: "add-event"; draft: GuidanceDraft }
  | { step: "interview"; questions: QuestionView[]; known: KnownFactView[]; procedures?: PlanRowView[] }
  | { step: "review"; forms: ReviewFormView[]; cosigners: MemberRef[] }
  | { step: "accepted"; accepted: AcceptedView<DeliveryStatusView[]> }
  | { step: "cancelled" };

/** One visit, framed (heading, steps, error summary, cancel), with its current step's page. */
export function VisitPage({
  ctx,
  visit,
  view,
  problems,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  view: VisitStepView;
  problems: Problem[];
}) {
  // A refusal about a member carries the member's name or place in the household (visit-forms.ts
  // memberParams), never the id in words.
  const named = problems;
  return (
    <VisitFrame ctx={ctx} visit={visit} problems={named}>
      {view.step === "reception" ? (
        <ReceptionPage ctx={ctx} visit={visit} />
      ) : view.step === "identity" ? (
        <IdentityPage ctx={ctx} visit={visit} view={view.identity} problems={named} />
      ) : view.step === "household" ? (
        <HouseholdPage ctx={ctx} visit={visit} view={view.household} problems={named} />
      ) : view.step === "plan" ? (
        <PlanPage
          ctx={ctx}
          visit={visit}
          procedures={view.procedures}
          events={view.events}
          problems={named}
        />
      ) : view.step === "add-event" ? (
        <AddEventPage ctx={ctx} visit={visit} draft={view.draft} problems={named} />
      ) : view.step === "interview" ? (
        <InterviewPage
          ctx={ctx}
          visit={visit}
          questions={view.questions}
          known={view.known}
          problems={named}
          procedures={view.procedures}
        />
      ) : view.step === "review" ? (
        <ReviewPage ctx={ctx} visit={visit} forms={view.forms} cosigners={view.cosigners} problems={named} />
      ) : view.step === "accepted" ? (
        <AcceptedPage ctx={ctx} visit={visit} view={view.accepted} />
      ) : (
        <CancelledPage ctx={ctx} />
      )}
    </VisitFrame>
  );
}
