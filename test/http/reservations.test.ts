import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRepository } from "../../src/auth/audit.repository";
import { submitPreApplication } from "../../src/preapply/submit-pre-application";
import { japanTime } from "../../src/queue/calendar";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { queueTickets } from "../../src/queue/queue.table";
import { bookReservation } from "../../src/reservations/book-reservation";
import type { Notifier } from "../../src/reservations/notifier";
import { reservationRepository } from "../../src/reservations/reservation.repository";
import { seedReservationRules } from "../../src/reservations/reservation.seed";
import { reservations } from "../../src/reservations/reservation.table";
import { sendReminders } from "../../src/reservations/send-reminders";
import { defaultSlotRules, type SlotRules } from "../../src/reservations/slot-rules";
import { addDaysIso } from "../../src/reservations/slots";
import { sweepNoShows } from "../../src/reservations/sweep-no-shows";
import { type Client, createTestApp, type TestApp } from "../support/app";

// The reservations API and pages through HTTP, as a fresh server would answer them: slots, booking,
// the calendar file, a full slot, cancelling, the resident's pages, check-in into the queue, the
// no-show sweep and the reminders. Offices open around the clock, so the tests run at any hour.
let t: TestApp;
let anon: Client;
const today = () => japanTime(new Date()).date;
const tomorrow = () => addDaysIso(today(), 1);

const everyDay = (over: Partial<SlotRules>): SlotRules => ({
  ...defaultSlotRules,
  startMinute: 0,
  endMinute: 24 * 60,
  capacityByWeekday: [2, 2, 2, 2, 2, 2, 2],
  ...over,
});

const json = (body: unknown) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

async function slots(purpose: string, from = tomorrow(), days = 1) {
  const res = await anon.request(
    `/api/v1/reservations/slots?municipality=kumamoto&office=chuo&purpose=${purpose}&from=${from}&days=${days}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { slots: Array<{ start: string; end: string; remaining: number }> }).slots;
}

const booking = (start: string, over: Record<string, unknown> = {}) => ({
  municipality: "kumamoto",
  office: "chuo",
  purpose: "move",
  start,
  name: "熊本 太郎",
  email: "taro@example.jp",
  ...over,
});

/** A young family's move-in, pre-applied at home today in Kumamoto. */
async function submittedPreApplication() {
  const family = JSON.parse(
    readFileSync(new URL("../fixtures/examples/move-in-young-family.json", import.meta.url), "utf8"),
  );
  return submitPreApplication(t.database.db, {
    municipalityId: "kumamoto",
    household: family,
    lang: "ja",
    now: new Date(),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await seedQueue(db, "kumamoto", {
    officeCodes: ["chuo"],
    seed: { ...kumamotoQueueSeed, hours: alwaysOpen },
  });
  await seedReservationRules(db, "kumamoto", {
    // 30-minute slots of 2 seats every day, booked at least an hour ahead.
    move: everyDay({ slotMinutes: 30, leadMinutes: 60, cancelCutoffHours: 2 }),
    // 15-minute slots from now on, check-in an hour early: a slot can be booked and checked in at once.
    moveout: everyDay({ slotMinutes: 15, leadMinutes: 0, checkInEarlyMinutes: 60, graceMinutes: 10 }),
    bereavement: everyDay({ slotMinutes: 60, capacityByWeekday: [5, 5, 5, 5, 5, 5, 5], leadMinutes: 60 }),
    certificate: { ...defaultSlotRules, enabled: false },
  });
  anon = t.anonymous();
});

afterAll(async () => {
  await t?.close();
});

describe("the reservations API", () => {
  it("lists tomorrow's slots of an office's purpose with the seats left", async () => {
    const list = await slots("move");
    expect(list).toHaveLength(48);
    expect(list[0]).toMatchObject({ remaining: 2 });
    expect(new Date(list[0]?.end ?? "").getTime() - new Date(list[0]?.start ?? "").getTime()).toBe(
      30 * 60_000,
    );
  });

  it("books a slot (201 with a code and a token stored only as its hash), and the slot has one seat less", async () => {
    const [slot] = await slots("move");
    const res = await anon.request("/api/v1/reservations", json(booking(slot?.start ?? "")));
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      code: string;
      cancelToken: string;
      start: string;
      manageUrl: string;
    };
    expect(body.code).toMatch(/^\d{8}$/);
    expect(body.start).toBe(slot?.start);
    expect(body.manageUrl).toContain(`/reservations/r/${body.cancelToken}`);
    const [row] = await t.database.db.select().from(reservations).where(eq(reservations.code, body.code));
    expect(row?.tokenHash).toBe(createHash("sha256").update(body.cancelToken).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(body.cancelToken);
    expect((await slots("move"))[0]?.remaining).toBe(1);
  });

  it("books with a pre-application's code, and refuses an unknown one with 422 on its field without taking the seat", async () => {
    const db = t.database.db;
    const [slot] = (await slots("bereavement")).filter((s) => s.remaining > 0).slice(-1);
    const before = slot?.remaining ?? 0;
    const refused = await anon.request(
      "/api/v1/reservations",
      json(booking(slot?.start ?? "", { purpose: "bereavement", preApplication: "ZZZZZZZZZZ" })),
    );
    expect(refused.status).toBe(422);
    const problems = ((await refused.json()) as { error: { problems: Array<{ path: string }> } }).error
      .problems;
    expect(problems.map((p) => p.path)).toEqual(["preApplication"]);
    const remaining = async () =>
      (await slots("bereavement")).find((s) => s.start === slot?.start)?.remaining ?? -1;
    expect(await remaining()).toBe(before);

    const pre = await submittedPreApplication();
    const res = await anon.request(
      "/api/v1/reservations",
      json(booking(slot?.start ?? "", { purpose: "bereavement", preApplication: pre.code })),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { code: string; preApplicationLinked: boolean };
    expect(body.preApplicationLinked).toBe(true);
    const [row] = await db.select().from(reservations).where(eq(reservations.code, body.code));
    expect(row?.preApplicationId).toBe(pre.row.id);
    expect(await remaining()).toBe(before - 1);
  });

  it("answers 409 for a full slot and for a past one, and 422 for bad input and a 個人番号", async () => {
    const [slot] = await slots("move");
    expect(
      (await anon.request("/api/v1/reservations", json(booking(slot?.start ?? "", { name: "二人目" }))))
        .status,
    ).toBe(201);
    const full = await anon.request(
      "/api/v1/reservations",
      json(booking(slot?.start ?? "", { name: "三人目" })),
    );
    expect(full.status).toBe(409);
    expect(((await full.json()) as { error: { reason: string } }).error.reason).toBe("reservations.slotFull");
    const past = await anon.request(
      "/api/v1/reservations",
      json(booking(new Date(Date.now() - 3_600_000).toISOString())),
    );
    expect(past.status).toBe(409);
    expect(((await past.json()) as { error: { reason: string } }).error.reason).toBe("reservations.slotPast");
    const bad = await anon.request(
      "/api/v1/reservations",
      json({ municipality: "kumamoto", office: "chuo" }),
    );
    expect(bad.status).toBe(422);
    const myNumber = await anon.request(
      "/api/v1/reservations",
      json(booking((await slots("move"))[0]?.start ?? "", { name: "123456789018" })),
    );
    expect(myNumber.status).toBe(422);
    expect(JSON.stringify(await myNumber.json())).toContain("common.myNumberRefused");
    const unknown = await anon.request(
      "/api/v1/reservations",
      json(booking(slot?.start ?? "", { office: "nowhere" })),
    );
    expect(unknown.status).toBe(422);
  });

  it("gives an RFC 5545 calendar file in UTC without personal data, and cancelling frees the seat and marks it cancelled", async () => {
    const slot = (await slots("move"))[4];
    const res = await anon.request("/api/v1/reservations", json(booking(slot?.start ?? "")));
    const { code, cancelToken } = (await res.json()) as { code: string; cancelToken: string };
    expect((await slots("move"))[4]?.remaining).toBe(1);
    const ics = await (await anon.request(`/api/v1/reservations/${code}/calendar.ics`)).text();
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    expect(ics).toContain("SEQUENCE:0");
    expect(ics).toContain("STATUS:CONFIRMED");
    expect(ics).not.toContain("熊本 太郎");
    expect(ics).not.toContain("taro@example.jp");
    const uid = /UID:(.+)/.exec(ics)?.[1];
    expect(
      (await anon.request(`/api/v1/reservations/${code}?token=${"x".repeat(32)}`, { method: "DELETE" }))
        .status,
    ).toBe(404);
    expect(
      (await anon.request(`/api/v1/reservations/${code}?token=${cancelToken}`, { method: "DELETE" })).status,
    ).toBe(204);
    expect((await slots("move"))[4]?.remaining).toBe(2);
    const after = await (await anon.request(`/api/v1/reservations/${code}/calendar.ics`)).text();
    expect(after).toContain("STATUS:CANCELLED");
    expect(after).toContain("SEQUENCE:1");
    expect(/UID:(.+)/.exec(after)?.[1]).toBe(uid);
  });

  it("never books more seats than a slot has, however many ask at once", async () => {
    const [slot] = await slots("bereavement");
    const attempts = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        bookReservation(t.database.db, {
          municipalityId: "kumamoto",
          officeCode: "chuo",
          purposeCode: "bereavement",
          start: new Date(slot?.start ?? ""),
          person: { name: `同時 ${i}` },
          now: new Date(),
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(5);
    for (const a of attempts)
      if (a.status === "rejected")
        expect((a.reason as { reason?: string }).reason).toBe("reservations.slotFull");
    expect((await slots("bereavement"))[0]?.remaining).toBe(0);
  });
});

describe("the resident's pages and check-in", () => {
  it("books through the pages: a time holds the seat, a name confirms it, a move raises the calendar's SEQUENCE", async () => {
    const phone = t.anonymous();
    const page = await phone.request(`/reservations/book/kumamoto/chuo/move/${tomorrow()}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    // The first time with a seat (the full ones are disabled buttons).
    const start =
      [...html.matchAll(/<button([^>]*)>/g)]
        .map((m) => m[1] ?? "")
        .filter((attrs) => attrs.includes('name="start"') && !attrs.includes("disabled"))
        .map((attrs) => /value="([^"]+)"/.exec(attrs)?.[1] ?? "")[0] ?? "";
    const hold = await phone.request(`/reservations/book/kumamoto/chuo/move/${tomorrow()}`, {
      method: "POST",
      body: new URLSearchParams({ _csrf: csrf, start }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(hold.status).toBe(303);
    const manage = hold.headers.get("location") ?? "";
    expect(manage).toMatch(/^\/reservations\/r\/[\w-]{32}$/);
    const heldPage = await (await phone.request(manage)).text();
    expect(heldPage).toContain("仮予約");
    expect(heldPage).toContain(`action="${manage}/confirm"`);
    const confirm = await phone.postForm(`${manage}/confirm`, { name: "123456789018" }, { csrf });
    expect(confirm.status).toBe(422);
    expect(await confirm.text()).not.toContain("123456789018");
    const ok = await phone.postForm(
      `${manage}/confirm`,
      { name: "阿蘇 花子", phone: "096-000-0000" },
      { csrf },
    );
    expect(ok.status).toBe(303);
    const booked = await (await phone.request(manage)).text();
    expect(booked).toContain("予約済み");
    expect(booked).toMatch(/data-testid="reservation-code">\s*\d{8}/);
    const later = (await slots("move"))[10]?.start ?? "";
    const moved = await phone.postForm(`${manage}/move`, { start: later }, { csrf });
    expect(moved.status).toBe(303);
    const ics = await (await phone.request(`${manage}/calendar.ics`)).text();
    expect(ics).toContain("SEQUENCE:1");
    expect(ics).toContain(`DTSTART:${later.replace(/[-:]/g, "").replace(/\.\d{3}/, "")}`);
  });

  it("confirms with a pre-application's code: an unknown one is refused on its field, a submitted one is shown as carried", async () => {
    const db = t.database.db;
    const slot = (await slots("bereavement")).findLast((s) => s.remaining > 0);
    const held = await bookReservation(db, {
      municipalityId: "kumamoto",
      officeCode: "chuo",
      purposeCode: "bereavement",
      start: new Date(slot?.start ?? ""),
      now: new Date(),
    });
    const phone = t.anonymous();
    const manage = `/reservations/r/${held.token}`;
    const heldPage = await (await phone.request(manage)).text();
    expect(heldPage).toContain('name="preApplication"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(heldPage)?.[1] ?? "";
    const bad = await phone.postForm(
      `${manage}/confirm`,
      { name: "合志 一郎", preApplication: "ZZZZZZZZZZ" },
      { csrf },
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("その事前入力の番号は見つかりません");
    const pre = await submittedPreApplication();
    const ok = await phone.postForm(
      `${manage}/confirm`,
      { name: "合志 一郎", preApplication: pre.code },
      { csrf },
    );
    expect(ok.status).toBe(303);
    const booked = await (await phone.request(manage)).text();
    expect(booked).toContain('data-testid="reservation-pre-application"');
    expect(booked).not.toContain(pre.code);
    expect((await reservationRepository(db).findByCode(held.reservation.code))?.preApplicationId).toBe(
      pre.row.id,
    );
  });

  it("checks in at the kiosk: a reservation ticket waiting from its slot's start; a second check-in is refused", async () => {
    const db = t.database.db;
    const [slot] = await slots("moveout", today(), 2);
    const made = await bookReservation(db, {
      municipalityId: "kumamoto",
      officeCode: "chuo",
      purposeCode: "moveout",
      start: new Date(slot?.start ?? ""),
      person: { name: "受付 一郎" },
      now: new Date(),
    });
    const officeId = made.reservation.officeId;
    const kiosk = t.anonymous();
    const form = await kiosk.request(`/reservations/kiosk/${officeId}`);
    expect(form.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const res = await kiosk.postForm(
      `/reservations/kiosk/${officeId}`,
      { code: made.reservation.code },
      { csrf },
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/data-testid="checkin-mark">\s*R-\d{3}/);
    const [row] = await db.select().from(reservations).where(eq(reservations.id, made.reservation.id));
    expect(row?.status).toBe("checked_in");
    const [ticket] = await db
      .select()
      .from(queueTickets)
      .where(eq(queueTickets.id, row?.ticketId ?? ""));
    expect(ticket?.kind).toBe("reservation");
    expect(ticket?.waitingSince.getTime()).toBe(made.reservation.start.getTime());
    const again = await kiosk.postForm(
      `/reservations/kiosk/${officeId}`,
      { code: made.reservation.code },
      { csrf },
    );
    expect(again.status).toBe(409);
    const wrong = await kiosk.postForm(`/reservations/kiosk/${officeId}`, { code: "00000000" }, { csrf });
    expect(wrong.status).toBe(404);
  });

  it("refuses a check-in before the window opens", async () => {
    const [slot] = await slots("move", addDaysIso(today(), 2));
    const made = await bookReservation(t.database.db, {
      municipalityId: "kumamoto",
      officeCode: "chuo",
      purposeCode: "move",
      start: new Date(slot?.start ?? ""),
      person: { name: "早い 人" },
      now: new Date(),
    });
    const kiosk = t.anonymous();
    const path = `/reservations/kiosk/${made.reservation.officeId}`;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await kiosk.request(path)).text())?.[1] ?? "";
    const res = await kiosk.postForm(path, { code: made.reservation.code }, { csrf });
    expect(res.status).toBe(409);
  });
});

describe("the no-show sweep and reminders", () => {
  it("marks a booking past its grace period as a no-show, with an audit entry", async () => {
    const db = t.database.db;
    const repo = reservationRepository(db);
    const [office] = await repo.listOffices("kumamoto");
    const purpose = (await repo.listPurposes("kumamoto", office?.officeId ?? "")).find(
      (p) => p.code === "move",
    );
    const start = new Date(Date.now() - 2 * 3_600_000);
    const row = await repo.insert({
      municipalityId: "kumamoto",
      officeId: office?.officeId ?? "",
      purposeId: purpose?.purposeId ?? "",
      code: "99999999",
      status: "booked",
      start,
      end: new Date(start.getTime() + 30 * 60_000),
      name: "来ない 人",
      tokenHash: "h".repeat(64),
      createdAt: start,
      updatedAt: start,
    });
    expect(await sweepNoShows(db, { municipalityId: "kumamoto", now: new Date() })).toBeGreaterThanOrEqual(1);
    const [after] = await db.select().from(reservations).where(eq(reservations.id, row.id));
    expect(after?.status).toBe("no_show");
    const audit = await auditRepository(db).list("kumamoto", { action: "reservation.noShow" });
    expect(audit.some((a) => a.targetId === row.id)).toBe(true);
  });

  it("sends each day-before reminder once, and lists the ones without e-mail for staff", async () => {
    const db = t.database.db;
    const sent: string[] = [];
    const notifier: Notifier = { kind: "smtp", send: async (m) => void sent.push(m.to) };
    const compose = async () => ({ subject: "s", text: "t" });
    const first = await sendReminders(db, notifier, { municipalityId: "kumamoto", now: new Date(), compose });
    const second = await sendReminders(db, notifier, {
      municipalityId: "kumamoto",
      now: new Date(),
      compose,
    });
    expect(first.sent).toBeGreaterThan(0);
    expect(second.sent).toBe(0);
    expect(new Set(sent).size).toBe(1);
    const counter = await t.signIn(await t.addUser("res-counter", "counter"));
    const page = await counter.request("/reservations/staff");
    expect(page.status).toBe(200);
    // 阿蘇 花子 booked through the pages with a phone number only: on the list for a telephone call.
    const staffHtml = await page.text();
    expect(staffHtml).toContain("阿蘇 花子");
    const read = await auditRepository(db).list("kumamoto", { action: "reservation.list.read" });
    expect(read.length).toBeGreaterThan(0);
  });
});

describe("the booking rules page", () => {
  it("lets a supervisor save a new version (the history keeps the old) and the slots follow it; a counter clerk may not", async () => {
    const supervisor = await t.signIn(await t.addUser("res-supervisor", "supervisor"));
    const list = await supervisor.request("/reservations/staff/settings");
    expect(list.status).toBe(200);
    const href =
      /href="(\/reservations\/staff\/settings\/[\w-]+\/[\w-]+)"/.exec(await list.text())?.[1] ?? "";
    const db = t.database.db;
    const repo = reservationRepository(db);
    const [office] = await repo.listOffices("kumamoto");
    const move = (await repo.listPurposes("kumamoto", office?.officeId ?? "")).find((p) => p.code === "move");
    const path = `/reservations/staff/settings/${office?.officeId}/${move?.purposeId}`;
    expect(href).not.toBe("");
    const html = await (await supervisor.request(path)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const fields: Record<string, string> = {
      enabled: "on",
      start: "09:00",
      end: "10:00",
      slotMinutes: "20",
      overrides: "",
      horizonDays: "30",
      leadMinutes: "60",
      walkInSharePercent: "0",
      cancelCutoffHours: "2",
      checkInEarlyMinutes: "30",
      graceMinutes: "10",
      baseVersion: "1",
    };
    for (let i = 0; i < 7; i++) fields[`capacity${i}`] = "3";
    const bad = await supervisor.postForm(path, { ...fields, end: "08:00" }, { csrf });
    expect(bad.status).toBe(422);
    const saved = await supervisor.postForm(path, fields, { csrf });
    expect(saved.status).toBe(303);
    const stale = await supervisor.postForm(path, fields, { csrf });
    expect(stale.status).toBe(409);
    const after = await (await supervisor.request(path)).text();
    expect(after).toContain("09:00〜10:00");
    const history = await repo.rulesHistory("kumamoto", move?.purposeId ?? "");
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    const listed = await slots("move", addDaysIso(today(), 3));
    expect(listed).toHaveLength(3);
    expect(listed[0]?.remaining).toBe(3);
    const counter = await t.signIn(await t.addUser("res-clerk", "counter"));
    expect((await counter.request(path)).status).toBe(403);
    const rows = await db
      .select()
      .from(reservations)
      .where(and(eq(reservations.municipalityId, "kumamoto"), eq(reservations.status, "booked")));
    expect(rows.length).toBeGreaterThan(0);
  });

  it("shows the reservation panel on the KPI dashboard: booked, checked in, no-shows and the waits", async () => {
    const supervisor = await t.signIn(await t.addUser("res-kpi", "supervisor"));
    const res = await supervisor.request(`/kpi?from=${addDaysIso(today(), -1)}&to=${addDaysIso(today(), 3)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const panel = html.slice(html.indexOf('data-testid="kpi-reservations"'));
    expect(panel).toContain("来庁予約");
    // The check-in above and the sweep's no-show are in the period; the check-in's ticket is not yet called.
    expect(panel).toMatch(/受付済み<\/dt><dd>[1-9]/);
    expect(panel).toMatch(/来庁なし<\/dt><dd>[1-9]/);
    expect(panel).toContain("予約の方の平均待ち時間");
  });
});
