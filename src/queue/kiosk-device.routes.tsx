import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { SessionContext } from "../auth/session";
import { publicUrl } from "../config/config";
import { AppError, notFound, type Problem } from "../shared/errors";
import { DEFAULT_LOCALE } from "../shared/locale";
import type { AppEnv } from "../web/context";
import { translator } from "../web/i18n";
import { tokyoDateTime } from "../web/layout";
import { clientIp, requireStaff } from "../web/middleware";
import { renderPage, wantsJson } from "../web/respond";
import { hashKioskSecret, isRegisteredKiosk, KIOSK_SECRET } from "./kiosk-device";
import { kioskDeviceRepository } from "./kiosk-device.repository";
import { kioskDevicesPage } from "./pages/kiosk-devices.page";
import { kioskPairPage } from "./pages/kiosk-pair.page";
import { offeredLocale, offeredLocales } from "./pages/public.presenter";
import { publicMessagePage } from "./pages/public-message.page";
import { pairKioskDevice } from "./pair-kiosk-device";
import { refuse } from "./queue.errors";
import type { QueueOffice } from "./queue.repository";
import { queueRepository } from "./queue.repository";
import type { QueueWeb } from "./queue.routes";
import { registerKioskDevice } from "./register-kiosk-device";
import { revokeKioskDevice } from "./revoke-kiosk-device";
import { setKioskRequirement } from "./set-kiosk-requirement";

/** The kiosk browser's device token. */
export const KIOSK_COOKIE = "mg_kiosk";
/** Browsers keep a cookie for 400 days at most; a kiosk is paired again after that. */
const KIOSK_COOKIE_SECONDS = 400 * 24 * 60 * 60;
const PATH = "/queue/offices/:officeId/kiosk-devices";

const labelForm = z.object({ label: z.string().trim().min(1).max(60) });
const requirementForm = z.object({ required: z.enum(["true", "false"]) });

/**
 * For the kiosk's own routes: when the office lets only registered devices issue and this browser
 * holds no valid device token, answers 403 (a page that tells the resident to ask staff, or the JSON
 * refusal); else undefined.
 */
export async function refuseUnregisteredKiosk(
  web: QueueWeb,
  c: Context<AppEnv>,
  office: QueueOffice,
): Promise<Response | undefined> {
  if (!office.kioskRequiresDevice) return undefined;
  const token = getCookie(c, KIOSK_COOKIE);
  const issuing = c.req.method === "POST";
  if (await isRegisteredKiosk(web.db, { officeId: office.officeId, token, now: web.now(), issuing }))
    return undefined;
  const refusal = refuse("kioskDeviceRequired");
  if (wantsJson(c)) throw refusal;
  const offered = offeredLocales(office.municipalityId);
  // In the language chosen on the kiosk's buttons, else the browser's.
  const lang = offeredLocale(c.req.query("lang"), offered) ?? c.get("lang");
  const t = translator(lang);
  web.noStore(c);
  const view = { title: t("queue.kioskDeviceRequiredTitle"), problems: refusal.problems, languages: offered };
  return c.html(publicMessagePage({ lang, t, path: c.req.path }, view), 403);
}

/**
 * Kiosk devices. Supervisors and administrators register a device (its one-time pairing address is
 * shown once), list and revoke devices; administrators decide whether the office's kiosk page issues
 * only on registered devices. The pairing address, opened on the kiosk's browser, sets its cookie.
 */
export function kioskDeviceRoutes(web: QueueWeb): Hono<AppEnv> {
  const { deps, db, now } = web;
  const app = new Hono<AppEnv>();
  app.use(PATH, requireStaff(deps, ["supervisor", "admin"]));
  app.use(`${PATH}/*`, requireStaff(deps, ["supervisor", "admin"]));

  const session = (c: Context<AppEnv>): SessionContext => {
    const s = c.get("session");
    if (!s) throw notFound();
    return s;
  };
  const officeOf = async (c: Context<AppEnv>) => {
    const office = await queueRepository(db).findOffice(
      session(c).municipalityId,
      c.req.param("officeId") ?? "",
    );
    if (!office) throw notFound();
    return office;
  };
  const audit = (c: Context<AppEnv>) => {
    const s = session(c);
    return {
      actor: { staffId: s.staff.id, username: s.staff.username, officeId: s.officeId },
      requestId: c.get("requestId"),
      ip: clientIp(c),
    };
  };

  const render = async (
    c: Context<AppEnv>,
    office: QueueOffice,
    extra: {
      pairing?: { url: string; label: string; expiresAt: Date };
      label?: string;
      problems?: Problem[];
    },
    status: 200 | 422 = 200,
  ) => {
    const s = session(c);
    const lang = c.get("lang");
    const at = (d: Date | null) => (d ? tokyoDateTime(d, lang) : null);
    const current = now();
    const devices = await kioskDeviceRepository(db).list(s.municipalityId, office.officeId);
    c.header("cache-control", "no-store");
    return renderPage(
      c,
      c.get("t")("queue.kioskDevicesTitle"),
      (ctx) =>
        kioskDevicesPage(ctx, {
          officeId: office.officeId,
          officeName: office.name,
          required: office.kioskRequiresDevice,
          canSetRequirement: s.staff.role === "admin",
          devices: devices.map((d) => ({
            id: d.id,
            label: d.label,
            state: d.revokedAt
              ? "revoked"
              : d.pairedAt
                ? "paired"
                : d.pairingExpiresAt && d.pairingExpiresAt > current
                  ? "pending"
                  : "expired",
            createdAt: at(d.createdAt) ?? "",
            pairingExpiresAt: at(d.pairingExpiresAt),
            lastUsedAt: at(d.lastUsedAt),
          })),
          pairing: extra.pairing && { ...extra.pairing, expiresAt: at(extra.pairing.expiresAt) ?? "" },
          label: extra.label ?? "",
          problems: extra.problems ?? [],
        }),
      status,
    );
  };

  app.get(PATH, async (c) => render(c, await officeOf(c), {}));

  app.post(PATH, async (c) => {
    const office = await officeOf(c);
    const body = await c.req.parseBody();
    const form = labelForm.safeParse(body);
    if (!form.success) {
      const label = typeof body.label === "string" ? body.label.slice(0, 200) : "";
      return render(
        c,
        office,
        { label, problems: [{ path: "label", code: "queue.kioskDeviceLabelRequired" }] },
        422,
      );
    }
    const registered = await registerKioskDevice(db, {
      municipalityId: office.municipalityId,
      officeId: office.officeId,
      label: form.data.label,
      ...audit(c),
      now: now(),
    });
    // Shown once, in this answer: never stored, so a reload shows the list without it.
    const url = publicUrl(deps.config, `/queue/kiosk-pair/${registered.pairingCode}`);
    return render(c, office, { pairing: { url, label: form.data.label, expiresAt: registered.expiresAt } });
  });

  app.post(`${PATH}/:deviceId/revoke`, async (c) => {
    const office = await officeOf(c);
    await revokeKioskDevice(db, {
      municipalityId: office.municipalityId,
      officeId: office.officeId,
      deviceId: c.req.param("deviceId"),
      ...audit(c),
      now: now(),
    });
    return c.redirect(`/queue/offices/${office.officeId}/kiosk-devices`, 303);
  });

  app.post(`${PATH}/requirement`, async (c) => {
    if (session(c).staff.role !== "admin") throw new AppError("FORBIDDEN");
    const office = await officeOf(c);
    const form = requirementForm.safeParse(await c.req.parseBody());
    if (!form.success) throw new AppError("VALIDATION");
    await setKioskRequirement(db, {
      municipalityId: office.municipalityId,
      officeId: office.officeId,
      required: form.data.required === "true",
      ...audit(c),
    });
    return c.redirect(`/queue/offices/${office.officeId}/kiosk-devices`, 303);
  });

  // ------------------------------------------------------------------ the kiosk browser, not signed in
  const pairingInvalid = (c: Context<AppEnv>) => {
    const lang = c.get("lang");
    const t = translator(lang);
    web.noStore(c);
    const view = {
      title: t("queue.kioskPairTitle"),
      problems: [{ path: "", code: "queue.kioskPairInvalid" }],
      languages: [],
    };
    return c.html(publicMessagePage({ lang, t, path: c.req.path }, view), 404);
  };

  app.get("/queue/kiosk-pair/:code", web.limitIssue, async (c) => {
    const code = c.req.param("code");
    if (!KIOSK_SECRET.test(code)) return pairingInvalid(c);
    const device = await kioskDeviceRepository(db).findPairable(hashKioskSecret(code), now());
    if (!device) return pairingInvalid(c);
    const office = await web.publicOffice(device.officeId);
    const lang = c.get("lang") ?? DEFAULT_LOCALE;
    web.noStore(c);
    return c.html(
      kioskPairPage(
        { lang, t: translator(lang), path: c.req.path },
        { officeName: office.name, action: c.req.path, csrfToken: c.get("csrfToken") },
      ),
    );
  });

  app.post("/queue/kiosk-pair/:code", web.limitIssue, async (c) => {
    const paired = await pairKioskDevice(db, {
      pairingCode: c.req.param("code"),
      requestId: c.get("requestId"),
      ip: clientIp(c),
      now: now(),
    });
    if (!paired) return pairingInvalid(c);
    setCookie(c, KIOSK_COOKIE, paired.token, {
      path: "/queue",
      httpOnly: true,
      sameSite: "Strict",
      secure: deps.config.COOKIE_SECURE,
      maxAge: KIOSK_COOKIE_SECONDS,
    });
    return c.redirect(`/queue/offices/${paired.officeId}/kiosk`, 303);
  });

  return app;
}
