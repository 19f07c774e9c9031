import type { Problem } from "../../shared/errors";
import { Ja } from "../../web/components/lang";
import type { PageContext } from "../../web/layout";
import { assetUrl } from "../../web/static-assets";
import type { MemberRef, ReviewFormView, VisitFrameView } from "../visits.presenters";
import { MemberName, MoveButton, Msg, VisitForm } from "./components";
import { ProxySigningForm } from "./proxy-signing";

/**
 * The other 届出人's own pad (a 婚姻届's other partner), optional: left empty, their box of those forms
 * says to sign by hand.
 */
function CosignaturePad({ ctx, cosigner }: { ctx: PageContext; cosigner: MemberRef }) {
  const { t } = ctx;
  return (
    <div data-signature-pad="cosignature" class="cosignature">
      <h3 id="cosignature">
        <Msg t={t} k="visits.cosignatureTitle" parts={{ name: <MemberName ctx={ctx} member={cosigner} /> }} />
      </h3>
      <p>{t("visits.cosignatureLead")}</p>
      <canvas class="cosignature-pad" aria-label={t("visits.cosignatureBox")} role="img" />
      <input type="hidden" name="cosignature" value="" />
      <button class="button button--secondary" type="button" data-signature-clear>
        {t("visits.clearSignature")}
      </button>
    </div>
  );
}

/** The resident's one signature on the tablet's pad (a client island); refused empty by page and server. */
function SignatureForm({
  ctx,
  visit,
  cosigners,
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  cosigners: MemberRef[];
}) {
  const { t } = ctx;
  return (
    <VisitForm ctx={ctx} visit={visit} action="sign" attrs={{ "data-signature-form": "" }}>
      <h2 id="signature">{t("visits.signatureTitle")}</h2>
      <p class="field__error" data-signature-error hidden role="alert">
        {t("visits.signatureMissing")}
      </p>
      <canvas class="signature-pad" aria-label={t("visits.signatureBox")} role="img" />
      <input type="hidden" name="signature" value="" />
      {cosigners.map((cosigner) => (
        <CosignaturePad ctx={ctx} cosigner={cosigner} />
      ))}
      <noscript>
        <p>{t("visits.signatureNeedsScript")}</p>
      </noscript>
      <div class="button-row">
        <button class="button button--secondary" type="button" data-signature-clear>
          {t("visits.clearSignature")}
        </button>
        <button class="button" type="submit">
          {t("visits.sign")}
        </button>
      </div>
      {/* The pad's island: without it the canvas cannot be drawn on and nothing is sent. */}
      <script type="module" src={assetUrl("js/signature.js")} />
    </VisitForm>
  );
}

/**
 * Review and signature: the forms the system filled in, as a PDF the resident reads; at review the
 * resident signs once, and once signed staff accept the applications (or have the resident sign again).
 */
export function ReviewPage({
  ctx,
  visit,
  forms,
  cosigners = [],
  problems = [],
}: {
  ctx: PageContext;
  visit: VisitFrameView;
  forms: ReviewFormView[];
  /** The other 届出人 who may sign their own box (at most one: the visit's couple). */
  cosigners?: MemberRef[];
  problems?: readonly Problem[];
}) {
  const { t } = ctx;
  return (
    <>
      <h2>{t("visits.reviewTitle")}</h2>
      <p class="lead">{t("visits.reviewLead", { count: forms.length })}</p>
      <ul>
        {forms.map((f) => (
          <li>
            <Msg
              t={t}
              k="visits.formFor"
              parts={{ name: <Ja ctx={ctx}>{f.name}</Ja>, members: <MemberList ctx={ctx} f={f} /> }}
            />
          </li>
        ))}
      </ul>
      <p>
        <a href={`/visits/${visit.id}/forms.pdf`}>{t("visits.openForms")}</a>
      </p>
      {visit.state === "review" ? (
        <>
          <SignatureForm ctx={ctx} visit={visit} cosigners={cosigners.slice(0, 1)} />
          <ProxySigningForm ctx={ctx} visit={visit} problems={problems} />
        </>
      ) : (
        <div class="button-row">
          <VisitForm ctx={ctx} visit={visit} action="accept">
            <button class="button" type="submit">
              {t("visits.accept")}
            </button>
          </VisitForm>
          <MoveButton ctx={ctx} visit={visit} to="review" label="visits.signAgain" secondary />
        </div>
      )}
      <FormsPreview ctx={ctx} visit={visit} />
    </>
  );
}

/**
 * The forms as the resident reads them. After the sign and accept buttons, and out of the Tab order:
 * a PDF viewer in a frame holds several stops of its own (its toolbar), which a keyboard user would
 * otherwise pass before reaching the buttons. The link opens the same PDF in a tab of its own.
 */
function FormsPreview({ ctx, visit }: { ctx: PageContext; visit: VisitFrameView }) {
  const { t } = ctx;
  const href = `/visits/${visit.id}/forms.pdf`;
  return (
    <section aria-labelledby="forms-preview-title" class="forms-preview">
      <h3 id="forms-preview-title">{t("visits.formsPreview")}</h3>
      <p>
        <a href={href} target="_blank" rel="noopener">
          {t("visits.openFormsNewTab")}
        </a>
      </p>
      <iframe class="pdf-preview" src={href} title={t("visits.formsPreview")} tabindex={-1} />
    </section>
  );
}

/** The members a form is for, by name only (the resident reads this list). */
function MemberList({ ctx, f }: { ctx: PageContext; f: ReviewFormView }) {
  const separator = ctx.t("visits.listSeparator");
  return (
    <>
      {f.members.map((m, i) => (
        <>
          {i > 0 ? separator : ""}
          <MemberName ctx={ctx} member={m} relation={false} />
        </>
      ))}
    </>
  );
}
