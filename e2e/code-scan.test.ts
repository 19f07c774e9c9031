import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, signIn } from "./support/browser";
import { checkPage, h1, press, unexpectedErrors } from "./support/counter-visit";
import { type E2eServer, type E2eUser, startE2eServer } from "./support/server";

// Issue #19: a counter tablet without a USB scanner reads the resident's QR with its camera. Chromium's
// fake camera plays a video file showing the QR; the page decodes it and opens the visit.

const family = JSON.parse(
  readFileSync(new URL("../test/fixtures/examples/move-in-young-family.json", import.meta.url), "utf8"),
) as unknown;

/** One frame of 640×480 (YUV 4:2:0) showing `text` as a QR code, black on white with a quiet zone. */
function qrVideo(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const [width, height] = [640, 480];
  const scale = Math.floor((height - 40) / (modules.size + 8));
  const offset = {
    x: Math.floor((width - modules.size * scale) / 2),
    y: Math.floor((height - modules.size * scale) / 2),
  };
  const y = Buffer.alloc(width * height, 235);
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col))
        for (let dy = 0; dy < scale; dy++)
          y.fill(
            16,
            (offset.y + row * scale + dy) * width + offset.x + col * scale,
            (offset.y + row * scale + dy) * width + offset.x + (col + 1) * scale,
          );
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  writeFileSync(
    video,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), y, chroma]),
  );
  return video;
}

let server: E2eServer;
let browser: Browser | undefined;
const video = join(tmpdir(), `madoguchi-qr-${process.pid}.y4m`);
let counter: E2eUser;

beforeAll(async () => {
  server = await startE2eServer();
  counter = await server.addUser("e2e.codescan", "counter");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(video, { force: true });
});

describe("the reception step's camera reader", () => {
  it("reads the resident's QR with the tablet's camera and opens the visit from it", async () => {
    const res = await fetch(`${server.url}/api/v1/pre-applications`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ municipality: "kumamoto", household: family }),
    });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        `--use-file-for-fake-video-capture=${qrVideo(url)}`,
      ],
    });
    const { page, errors, close } = await openPage(browser, server.url, { permissions: ["camera"] });
    await signIn(page, counter);
    await page.goto("/visits");
    await press(page, "新しい来庁を受け付ける");
    expect(await h1(page)).toBe("来庁受付 （受付）");
    const scan = page.getByRole("button", { name: "カメラで読み取る" });
    await scan.waitFor({ state: "visible" });
    await checkPage(page, "code-scan-01-reception");
    // The camera is allowed for this site (Permissions-Policy camera=(self)); the QR opens the visit.
    await Promise.all([page.waitForNavigation({ timeout: 20_000 }), scan.click()]);
    const loaded = page.getByTestId("pre-application-loaded");
    expect(await loaded.textContent()).toContain("住民入力・未確認");
    expect(await loaded.textContent()).toContain("熊本 花子");
    expect(unexpectedErrors(errors)).toEqual([]);
    await close();
  });
});
