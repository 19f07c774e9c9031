// The reception step's camera reader (docs/pre-application.md): "カメラで読み取る" opens the tablet's
// back camera, draws its frames to a canvas and decodes them with jsQR; on a pre-application's QR it
// puts the token into the code field and submits the form, as the USB scanner would. Without a
// camera (or permission) it says so, and the field is typed as before. Nothing leaves the page but
// the form itself.
//
//   <div data-code-scan data-code-scan-messages="{…}" hidden>   inside the code's form; shown by this file

import jsQR from "jsqr";
import { codeFromScan } from "./code-scan-text";

/** Frames decoded per second: enough for a QR held still, light on a tablet's battery. */
const FRAME_MS = 150;
/** The longest side of a frame as decoded (larger frames cost time and decode no better). */
const MAX_SIDE = 640;

function start(box: HTMLElement): void {
  const messages = JSON.parse(box.dataset.codeScanMessages ?? "{}") as Record<string, string>;
  const form = box.closest("form");
  const field = form?.querySelector<HTMLInputElement>("input[name=preApplicationCode]");
  const open = box.querySelector<HTMLButtonElement>("[data-code-scan-start]");
  const stop = box.querySelector<HTMLButtonElement>("[data-code-scan-stop]");
  const video = box.querySelector<HTMLVideoElement>("[data-code-scan-video]");
  const status = box.querySelector<HTMLElement>("[data-code-scan-status]");
  if (!form || !field || !open || !stop || !video || !status) return;
  const say = (key: string) => {
    status.textContent = messages[key] ?? "";
  };
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let stream: MediaStream | undefined;
  let timer: number | undefined;
  let lastRefused = "";

  const close = () => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    video.srcObject = null;
    video.hidden = true;
    stop.hidden = true;
    open.hidden = false;
  };

  const tick = () => {
    timer = undefined;
    if (!stream || !context) return;
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (width > 0 && height > 0) {
      const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const hit = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (hit?.data) {
        const code = codeFromScan(hit.data);
        if (code) {
          close();
          field.value = code;
          say("found");
          form.requestSubmit();
          return;
        }
        // Another QR (a poster, a card): said once, and the camera keeps looking.
        if (hit.data !== lastRefused) say("notCode");
        lastRefused = hit.data;
      }
    }
    timer = window.setTimeout(tick, FRAME_MS);
  };

  open.addEventListener("click", async () => {
    if (!navigator.mediaDevices?.getUserMedia || !context) {
      say("noCamera");
      field.focus();
      return;
    }
    say("starting");
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" } },
        audio: false,
      });
    } catch (error) {
      stream = undefined;
      say(error instanceof DOMException && error.name === "NotAllowedError" ? "denied" : "noCamera");
      field.focus();
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    open.hidden = true;
    stop.hidden = false;
    lastRefused = "";
    await video.play().catch(() => undefined);
    say("looking");
    stop.focus();
    tick();
  });
  stop.addEventListener("click", () => {
    close();
    say("stopped");
    open.focus();
  });
  // Leaving the page (or the form's own submit) lets the camera go.
  window.addEventListener("pagehide", close);
  box.hidden = false;
}

for (const box of document.querySelectorAll<HTMLElement>("[data-code-scan]")) start(box);
