import type { PageContext } from "../../web/layout";
import type { VisitFrameView } from "../visits.presenters";
import { VisitForm } from "./components";

/** Reception: the resident has been called to the counter and sits down. */
export function ReceptionPage({ ctx, visit }: { ctx: PageContext; visit: VisitFrameView }) {
  return (
    <VisitForm ctx={ctx} visit={visit} action="move">
      <input type="hidden" name="to" value="identity" />
      <p>{ctx.t("visits.receptionLead")}</p>
      <button class="button" type="submit">
        {ctx.t("visits.beginIdentity")}
      </button>
    </VisitForm>
  );
}
