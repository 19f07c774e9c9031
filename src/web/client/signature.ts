// The signatures on the counter tablet: the resident's (required) and, on a 婚姻届 or 離婚届, the other
// filer's own (optional). Each pad is drawn with signature_pad; on submit each PNG goes into its hidden
// field. An empty required pad is refused here and again on the server.
import SignaturePad from "signature_pad";

const form = document.querySelector<HTMLFormElement>("[data-signature-form]");
const error = form?.querySelector<HTMLElement>("[data-signature-error]");

/** One pad: its canvas, its hidden field and its clear button (the resident's pad is the form's own). */
function attach(canvas: HTMLCanvasElement, field: HTMLInputElement, clear: HTMLButtonElement | null) {
  const pad = new SignaturePad(canvas, { minWidth: 1, maxWidth: 3, penColor: "#000" });
  const fitCanvas = (): void => {
    // Match the canvas's pixels to its displayed size so strokes land under the pen.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const data = pad.toData();
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d")?.scale(ratio, ratio);
    pad.fromData(data);
  };
  window.addEventListener("resize", fitCanvas);
  fitCanvas();
  clear?.addEventListener("click", () => {
    pad.clear();
    field.value = "";
  });
  return pad;
}

const canvas = form?.querySelector<HTMLCanvasElement>("canvas.signature-pad");
const field = form?.querySelector<HTMLInputElement>("input[name=signature]");
if (form && canvas && field) {
  // The resident's clear button is the last one of the form (the other pad has its own inside it).
  const clears = [...form.querySelectorAll<HTMLButtonElement>("[data-signature-clear]")];
  const own = clears.find((b) => !b.closest("[data-signature-pad]")) ?? null;
  const pad = attach(canvas, field, own);
  const others = [...form.querySelectorAll<HTMLElement>("[data-signature-pad]")].flatMap((box) => {
    const c = box.querySelector<HTMLCanvasElement>("canvas");
    const f = box.querySelector<HTMLInputElement>("input[type=hidden]");
    return c && f ? [{ pad: attach(c, f, box.querySelector("[data-signature-clear]")), field: f }] : [];
  });
  form.dataset.signatureReady = "true";
  form.addEventListener("submit", (event) => {
    if (pad.isEmpty()) {
      event.preventDefault();
      if (error) error.hidden = false;
      return;
    }
    field.value = pad.toDataURL("image/png");
    for (const other of others)
      other.field.value = other.pad.isEmpty() ? "" : other.pad.toDataURL("image/png");
  });
}
