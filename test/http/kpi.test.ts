import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figuresOf } from "../../src/kpi/kpi";
import { callNext } from "../../src/queue/call-next";
import { finishService } from "../../src/queue/finish-service";
import { issueTicket } from "../../src/queue/issue-ticket";
import { markAbsent } from "../../src/queue/mark-absent";
import { alwaysOpen, kumamotoQueueSeed, seedQueue } from "../../src/queue/queue.seed";
import { queuePurposes } from "../../src/queue/queue.table";
import { startService } from "../../src/queue/start-service";
import type { StaffAtCounter } from "../../src/queue/ticket-change";
import type { OneStopTicketCalledHook } from "../../src/queue/visit-seam";
import { counters, offices } from "../../src/tenancy/tenancy.table";
import { visits } from "../../src/visits/visits.table";
import { type Client, createTestApp, type TestApp, type TestUser } from "../support/app";
import { rowsOf } from "../support/database";

// The dashboard, the CSV exports and the survey through HTTP, on figures built with the real queue
// use cases at chosen instants in June 2026 (fiscal year 2026).
let t: TestApp;
let supervisor: Client;
let counterClient: Client;
let counterUser: TestUser;
let chuo: string;
const counter: Record<number, string> = {};
let purposeMove: string;
const tokens: Record<string, string> = {};
const ticketIds: Record<string, string> = {};
let visitOfTicket: string | null = null;

const jst = (local: string) => new Date(`${local}+09:00`);
/** Each call opens an accepted move-in visit row, so the survey has a visit to answer for. */
const hook: OneStopTicketCalledHook = async (tx, call) => {
  const [visit] = await tx
    .insert(visits)
    .values({
      municipalityId: call.municipalityId,
      officeId: call.officeId,
      ticketId: call.ticketId,
      state: "accepted",
      household: { event: { type: "move-in", date: "2026-06-01" }, members: [] },
      createdBy: call.staffId,
      acceptedAt: call.calledAt,
    })
    .returning({ id: visits.id });
  visitOfTicket = visit?.id ?? null;
  return visit?.id ?? null;
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await seedQueue(db, "kumamoto", {
    officeCodes: ["chuo"],
    seed: { ...kumamotoQueueSeed, hours: alwaysOpen },
  });
  const [office] = await db.select().from(offices).where(eq(offices.code, "chuo"));
  chuo = office?.id ?? "";
  for (const c of await db.select().from(counters).where(eq(counters.officeId, chuo)))
    counter[c.number] = c.id;
  const [p] = await db.select().from(queuePurposes).where(eq(queuePurposes.officeId, chuo));
  purposeMove = p?.id ?? "";
  counterUser = await t.addUser("kpi-http-counter", "counter");
  const sup = await t.addUser("kpi-http-supervisor", "supervisor");
  supervisor = await t.signIn(sup);
  counterClient = await t.signIn(counterUser);
  const at: StaffAtCounter = {
    municipalityId: "kumamoto",
    officeId: chuo,
    staffId: counterUser.id,
    counterId: counter[1] ?? null,
  };
  // Three tickets on 1 June 2026: waits 10, 20 and 30 minutes; the third is a no-show.
  for (const [name, issued, called, finished] of [
    ["a", "09:00", "09:10", "09:40"],
    ["b", "09:05", "09:25", "10:05"],
    ["c", "09:10", "09:40", null],
  ] as const) {
    const issuedTicket = await issueTicket(db, {
      municipalityId: "kumamoto",
      officeId: chuo,
      purposeId: purposeMove,
      now: jst(`2026-06-01T${issued}:00`),
    });
    tokens[name] = issuedTicket.token;
    ticketIds[name] = issuedTicket.ticket.id;
    const { ticket } = await callNext(db, {
      ...at,
      now: jst(`2026-06-01T${called}:00`),
      onOneStopTicketCalled: hook,
    });
    if (finished) {
      await startService(db, { ...at, ticketId: ticket.id, now: jst(`2026-06-01T${called}:30`) });
      await finishService(db, { ...at, ticketId: ticket.id, now: jst(`2026-06-01T${finished}:00`) });
    } else await markAbsent(db, { ...at, ticketId: ticket.id, now: jst(`2026-06-01T${called}:30`) });
  }
  // A fourth ticket still waiting: its survey is not open yet.
  const waiting = await issueTicket(db, {
    municipalityId: "kumamoto",
    officeId: chuo,
    purposeId: purposeMove,
    now: jst("2026-06-01T11:00:00"),
  });
  tokens.waiting = waiting.token;
});
afterAll(() => t.close());

const june = "from=2026-06-01&to=2026-06-30";

describe("the KPI dashboard", () => {
  it("is for supervisors and admins, not counter staff", async () => {
    expect((await counterClient.request("/kpi")).status).toBe(403);
    const res = await supervisor.request(`/kpi?${june}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="kpi-summary"');
    expect(html).toContain("<svg");
    expect(html).toContain('id="kpi-trend-table"');
  });

  it("shows each KPI with the figures recomputed from the timestamps", async () => {
    const html = await (await supervisor.request(`/kpi?${june}&kpi=wait&granularity=day`)).text();
    const wait = figuresOf("all", [600, 1200, 1800]);
    const row = html.match(/<tr data-kpi="wait">([\s\S]*?)<\/tr>/)?.[1] ?? "";
    expect(row).toContain(`<td data-count="true">${wait.count}</td>`);
    expect(row).toContain(`${((wait.mean ?? 0) / 60).toFixed(1)}分`);
    // So few values: the median and p90 are the exact ones, unmarked.
    expect(row).toContain(`<td>${((wait.median ?? 0) / 60).toFixed(1)}分</td>`);
    expect(row).toContain(`<td>${((wait.p90 ?? 0) / 60).toFixed(1)}分</td>`);
    expect(html).not.toMatch(/<td>≈/);
    const noShow = html.match(/<tr data-kpi="noShow">([\s\S]*?)<\/tr>/)?.[1] ?? "";
    expect(noShow).toContain("33.3%");
    expect(html).toMatch(/<tr data-key="2026-06-01">/);
    // The plan's target for this fiscal year sits beside the KPI.
    expect(html).toMatch(/data-target="oneStop"/);
  });

  it("explains its columns itself, and judges a yearly count against the part of the year elapsed", async () => {
    const html = await (await supervisor.request(`/kpi?${june}`)).text();
    expect(html).not.toContain("docs/kpi.md");
    const help = html.match(/data-testid="kpi-columns">([\s\S]*?)<\/section>/)?.[1] ?? "";
    for (const words of ["中央値", "90パーセンタイル", "按分", "≈"]) expect(help).toContain(words);
    // The one-stop count target is compared with the share of FY2026 elapsed by the app's today.
    const oneStop = html.match(/<li data-target="oneStop"[^>]*>([\s\S]*?)<\/li>/)?.[1] ?? "";
    expect(oneStop).toMatch(/年度の経過分 \d+% に当たる [\d,]+件 と比べています/);
  });

  it("answers impossible filters with a clear message, not an error page", async () => {
    const backwards = await supervisor.request("/kpi?from=2026-06-30&to=2026-06-01");
    expect(backwards.status).toBe(200);
    const html = await backwards.text();
    expect(html).toContain("error-summary");
    expect(html).toContain("終了日は開始日と同じか、それより後の日付にしてください。");
    expect(html).toContain('data-testid="kpi-no-figures"');
    const unknown = await (await supervisor.request(`/kpi?${june}&office=atlantis`)).text();
    expect(unknown).toContain("その庁舎はありません。");
    const nonsense = await (await supervisor.request("/kpi?from=2026-02-30")).text();
    expect(nonsense).toContain("開始日は存在しない日付です。");
  });

  it("draws an honest empty chart for a period without data", async () => {
    const res = await supervisor.request("/kpi?from=2025-01-01&to=2025-01-31");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("この期間のデータはありません。");
    expect(html).toContain(">データがありません</text>");
  });
});

describe("the CSV exports", () => {
  it("writes the documented columns with a byte-order mark for Excel, or plain UTF-8", async () => {
    const excel = await supervisor.request(`/kpi/export.csv?${june}&kpi=stay&group=day`);
    expect(excel.status).toBe(200);
    expect(excel.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await excel.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const plain = await (
      await supervisor.request(`/kpi/export.csv?${june}&kpi=stay&group=day&encoding=utf8`)
    ).text();
    expect(plain.charCodeAt(0)).not.toBe(0xfeff);
    const [header, line, ...rest] = plain.trimEnd().split("\r\n");
    expect(header).toBe(
      "kpi,kpi_label,period_from,period_to,office_code,group_by,group_key,group_label,count,sum,mean,median,p90,unit",
    );
    expect(rest).toEqual([]);
    const stay = figuresOf("2026-06-01", [2400, 3600]);
    expect(line).toBe(
      `stay,滞在時間,2026-06-01,2026-06-30,,day,2026-06-01,2026-06-01,2,6000,${(stay.mean ?? 0).toFixed(0)},${stay.median},${(stay.p90 ?? 0).toFixed(0)},seconds`,
    );
    const audit = await rowsOf<{ n: number }>(
      t.database.db,
      (await import("drizzle-orm")).sql`select count(*)::int as n from audit_log where action = 'kpi.export'`,
    );
    expect(audit[0]?.n).toBeGreaterThan(0);
  });

  it("names the KPI and its groups in the reader's language", async () => {
    supervisor.cookies.set("mg_lang", "en");
    try {
      const plain = await (
        await supervisor.request(`/kpi/export.csv?${june}&kpi=stay&group=fy&encoding=utf8`)
      ).text();
      const [, line] = plain.trimEnd().split("\r\n");
      expect(line).toMatch(/^stay,Time in the building,2026-06-01,2026-06-30,,fy,2026,FY2026,2,6000,/);
    } finally {
      supervisor.cookies.delete("mg_lang");
    }
  });

  it("refuses an impossible export with the message, not a file", async () => {
    const res = await supervisor.request("/kpi/export.csv?from=2026-06-30&to=2026-06-01&kpi=stay");
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("終了日は開始日と同じか");
  });

  it("publishes open data as aggregates only, without comments or identifiers", async () => {
    await t
      .anonymous()
      .request(`/survey/t/${tokens.a}`)
      .then(async () => {
        const client = t.anonymous();
        await client.request(`/survey/t/${tokens.b}`);
        const csrf = client.cookies.get("mg_csrf") ?? "";
        await client.request(`/survey/t/${tokens.b}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            _csrf: csrf,
            score: "5",
            comment: "山田です。とても親切でした",
            lang: "ja",
          }),
        });
      });
    const csv = await (await supervisor.request("/kpi/open-data.csv?fy=2026&encoding=utf8")).text();
    const [header, ...rows] = csv.trimEnd().split("\r\n");
    expect(header).toBe(
      "municipality_code,fiscal_year,month,office_code,office_name,kpi,kpi_label,count,sum,mean,median,p90,unit",
    );
    expect(rows.some((r) => r.includes(",2026-06,chuo,") && r.includes(",wait,"))).toBe(true);
    expect(csv).not.toContain("山田");
    for (const id of Object.values(ticketIds)) expect(csv).not.toContain(id);
  });
});

describe("the satisfaction survey", () => {
  const post = async (client: Client, path: string, fields: Record<string, string>) => {
    const html = await (await client.request(path)).text();
    // A survey page without its form (already answered) carries no token: a staff page has the session's.
    const csrf =
      html.match(/name="_csrf" value="([^"]+)"/)?.[1] ??
      (client.cookies.has("mg_session") ? await client.csrf("/") : (client.cookies.get("mg_csrf") ?? ""));
    return client.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
    });
  };

  it("offers the question in Japanese, やさしい日本語 and English", async () => {
    const resident = t.anonymous();
    expect(await (await resident.request(`/survey/t/${tokens.a}`)).text()).toContain(
      "本日の窓口の対応に満足しましたか。",
    );
    expect(await (await resident.request(`/survey/t/${tokens.a}?lang=easy`)).text()).toContain(
      "きょう の まどぐち は よかった ですか。",
    );
    const en = await (await resident.request(`/survey/t/${tokens.a}?lang=en`)).text();
    expect(en).toContain("How satisfied were you with the counter today?");
    expect(en).toContain('<html lang="en">');
  });

  it("reads in the language the resident chose, and offers all six", async () => {
    const resident = t.anonymous();
    resident.cookies.set("mg_lang", "vi");
    const vi = await (await resident.request(`/survey/t/${tokens.a}`)).text();
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain("Bạn có hài lòng với cách phục vụ tại quầy hôm nay không?");
    expect(vi).toContain('<input type="hidden" name="lang" value="vi"');
    for (const code of ["ja", "ja-x-easy", "en", "zh-Hans", "ko"])
      expect(vi).toContain(
        `href="/lang?to=${encodeURIComponent(code)}&amp;back=${encodeURIComponent(`/survey/t/${tokens.a}`)}"`,
      );
    const ko = await (await resident.request(`/survey/t/${tokens.a}?lang=ko`)).text();
    expect(ko).toContain("오늘 창구의 응대에 만족하셨습니까?");
    const zh = await (await resident.request(`/survey/t/${tokens.a}?lang=zh-Hans`)).text();
    expect(zh).toContain("您对今天窗口的服务满意吗？");
  });

  it("asks again, with the problem linked, when no score is chosen", async () => {
    const res = await post(t.anonymous(), `/survey/t/${tokens.a}`, { lang: "en", comment: "" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('href="#score"');
    expect(html).toContain('id="score" name="score" value="5"');
    expect(html).toContain("Choose how satisfied you were, from 1 to 5.");
    expect(html).toContain("<title>Error: Counter survey");
  });

  it("takes one answer per visit, whether from the QR or the counter tablet", async () => {
    const first = await post(t.anonymous(), `/survey/t/${tokens.a}`, { lang: "ja", score: "4" });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("ご回答ありがとうございました。");
    const again = await post(t.anonymous(), `/survey/t/${tokens.a}`, { lang: "ja", score: "1" });
    expect(await again.text()).toContain("すでにご回答いただいています");
    const [row] = await rowsOf<{ visit_id: string }>(
      t.database.db,
      (await import("drizzle-orm"))
        .sql`select visit_id from kpi_survey_answers where ticket_id = ${ticketIds.a ?? ""}`,
    );
    expect(row?.visit_id).toBeTruthy();
    const tablet = await post(counterClient, `/survey/visit/${row?.visit_id}`, { lang: "ja", score: "2" });
    expect(await tablet.text()).toContain("すでにご回答いただいています");
    const answers = await rowsOf<{ n: number; score: number }>(
      t.database.db,
      (await import("drizzle-orm")).sql`select count(*)::int as n, max(score) as score from kpi_survey_answers
        where visit_id = ${row?.visit_id ?? ""}`,
    );
    expect(answers[0]).toEqual({ n: 1, score: 4 });
  });

  it("records the tablet's answer for a visit, with no personal data", async () => {
    const [v] = await rowsOf<{ id: string }>(
      t.database.db,
      (await import("drizzle-orm"))
        .sql`select visit_id as id from queue_tickets where id = ${ticketIds.c ?? ""}`,
    );
    expect(v?.id).toBe(visitOfTicket);
    const res = await post(counterClient, `/survey/visit/${v?.id}`, { lang: "easy", score: "5" });
    expect(await res.text()).toContain("ありがとう ございました。");
    const columns = await rowsOf<{ column_name: string }>(
      t.database.db,
      (await import("drizzle-orm")).sql`select column_name from information_schema.columns
        where table_name = 'kpi_survey_answers' order by column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      "answered_at",
      "answered_on",
      "channel",
      "comment",
      "event_type",
      "id",
      "lang",
      "municipality_id",
      "office_id",
      "score",
      "ticket_id",
      "visit_id",
    ]);
  });

  it("opens only after the visit, and not for an unknown ticket", async () => {
    expect((await t.anonymous().request(`/survey/t/${tokens.waiting}`)).status).toBe(409);
    expect((await t.anonymous().request(`/survey/t/${"x".repeat(32)}`)).status).toBe(404);
    expect((await t.anonymous().request("/survey/t/short")).status).toBe(404);
  });
});
