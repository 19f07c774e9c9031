// The resident's one signature on the counter tablet. The canvas is drawn with signature_pad; on
// submit its PNG goes into a hidden field. An empty pad is refused here and again on the server.
import SignaturePad from "signature_pad";

const form = document.querySelector<HTMLFormElement>("[data-signature-form]");
const canvas = form?.querySelector<HTMLCanvasElement>("canvas");
const field = form?.querySelector<HTMLInputElement>("input[name=signature]");
const clear = form?.querySelector<HTMLButtonElement>("[data-signature-clear]");
const error = form?.querySelector<HTMLElement>("[data-signature-error]");

if (form && canvas && field) {
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
  form.dataset.signatureReady = "true";
  clear?.addEventListener("click", () => {
    pad.clear();
    field.value = "";
  });
  form.addEventListener("submit", (event) => {
    if (pad.isEmpty()) {
      event.preventDefault();
      if (error) error.hidden = false;
      return;
    }
    field.value = pad.toDataURL("image/png");
  });
}
