import { createRoute, z } from "@hono/zod-openapi";
import { publicUrl } from "../config/config";
import { LOCALE_CODES } from "../i18n/locales";
import { apiRouter, ErrorSchema } from "../web/api";
import { bookReservation } from "./book-reservation";
import { targetOf } from "./booking-target";
import { calendarFile } from "./calendar-file";
import { cancelReservation } from "./cancel-reservation";
import { listSlots } from "./list-slots";
import { reservationRepository } from "./reservation.repository";
import { CODE_PATTERN, checkPerson } from "./reservation.schema";
import { reservationOfToken } from "./reservation-access";
import { refuse } from "./reservations.errors";
import { calendarText, type ReservationsWeb } from "./reservations-shared.routes";

const json = { "application/json": { schema: ErrorSchema } };
const codeText = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9-]*$/);

const SlotsQuery = z.object({
  municipality: codeText.openapi({ example: "kumamoto" }),
  office: codeText.openapi({ description: "The office's code", example: "chuo" }),
  purpose: codeText.openapi({ description: "The purpose's code (as at the kiosk)", example: "move" }),
  from: z.iso.date().openapi({ description: "First day (Japan), YYYY-MM-DD", example: "2026-12-08" }),
  days: z.coerce.number().int().min(1).max(62).default(7).openapi({ example: 7 }),
});

const SlotSchema = z
  .object({
    start: z.string().openapi({ description: "ISO 8601 instant (UTC)", example: "2026-12-08T00:00:00.000Z" }),
    end: z.string().openapi({ example: "2026-12-08T00:30:00.000Z" }),
    remaining: z.number().int().openapi({ description: "Seats still bookable (0: full)", example: 2 }),
  })
  .openapi("ReservationSlot");

const BookBody = z
  .object({
    municipality: codeText.openapi({ example: "kumamoto" }),
    office: codeText.openapi({ example: "chuo" }),
    purpose: codeText.openapi({ example: "move" }),
    start: z.iso
      .datetime({ offset: true })
      .openapi({ description: "A slot's start, as listed", example: "2026-12-08T00:00:00.000Z" }),
    name: z.string().max(100).openapi({ example: "熊本 太郎" }),
    kana: z.string().max(100).optional().openapi({ example: "クマモト タロウ" }),
    phone: z.string().max(20).optional().openapi({ example: "096-000-0000" }),
    email: z.string().max(254).optional().openapi({ example: "taro@example.jp" }),
    lang: z
      .string()
      .max(20)
      .optional()
      .openapi({ description: "The language for reminders and the calendar file", example: "ja" }),
    preApplication: z.string().max(200).optional().openapi({
      description:
        "A submitted pre-application (事前入力) of the same municipality, by its short code or its link: the visit of the checked-in ticket opens prefilled from it",
      example: "K7P2QX9M4T",
    }),
  })
  .openapi("ReservationInput");

const Booked = z
  .object({
    code: z
      .string()
      .openapi({ description: "8 digits, typed or scanned at the kiosk to check in", example: "04817263" }),
    cancelToken: z.string().openapi({ description: "The manage token: shown once, stored only hashed" }),
    start: z.string(),
    end: z.string(),
    status: z.literal("booked"),
    preApplicationLinked: z
      .boolean()
      .openapi({ description: "Whether the booking carries the pre-application given with it" }),
    manageUrl: z.string().openapi({ description: "The booking's own page: view, move, cancel, check in" }),
    calendarUrl: z.string().openapi({ description: "The .ics file (RFC 5545)" }),
  })
  .openapi("ReservationBooked");

const CodeParam = z.object({ code: z.string().max(40).openapi({ example: "04817263" }) });

/** The public reservations API: no session; creation limited per client address. */
export function reservationsApi(web: ReservationsWeb) {
  const api = apiRouter();
  const db = web.deps.database.db;
  const repo = reservationRepository(db);
  api.use("/api/v1/reservations", async (c, next) =>
    c.req.method === "POST" ? web.limitBook(c, next) : next(),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/reservations/slots",
      operationId: "listReservationSlots",
      summary: "来庁予約: the bookable slots of an office's purpose over some days",
      description:
        "Computed from the rules and the office's closed days. Full slots are listed with remaining 0.",
      tags: ["reservations"],
      security: [],
      request: { query: SlotsQuery },
      responses: {
        200: {
          description: "The slots in time order",
          content: {
            "application/json": {
              schema: z.object({ slots: z.array(SlotSchema) }).openapi("ReservationSlots"),
            },
          },
        },
        422: { description: "Bad input, or an office or purpose that takes no bookings", content: json },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const slots = await listSlots(db, {
        municipalityId: q.municipality,
        officeCode: q.office,
        purposeCode: q.purpose,
        from: q.from,
        days: q.days,
        now: web.now(),
      });
      return c.json(
        {
          slots: slots.map((s) => ({
            start: s.start.toISOString(),
            end: s.end.toISOString(),
            remaining: s.remaining,
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/reservations",
      operationId: "createReservation",
      summary: "来庁予約: book a seat of a slot",
      description: "Public (no session). A 個人番号 in any field is refused. Limited per client address.",
      tags: ["reservations"],
      security: [],
      request: { body: { required: true, content: { "application/json": { schema: BookBody } } } },
      responses: {
        201: { description: "Booked", content: { "application/json": { schema: Booked } } },
        400: { description: "Malformed JSON", content: json },
        409: { description: "The slot is full or past", content: json },
        422: { description: "Bad input: every problem listed", content: json },
        429: { description: "Too many bookings from this address; see Retry-After" },
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const person = checkPerson({ name: b.name, kana: b.kana, phone: b.phone, email: b.email });
      const lang = LOCALE_CODES.find((l) => l === b.lang) ?? "ja";
      const { reservation: r, token } = await bookReservation(db, {
        municipalityId: b.municipality,
        officeCode: b.office,
        purposeCode: b.purpose,
        start: new Date(b.start),
        person,
        lang,
        preApplication: b.preApplication,
        now: web.now(),
      });
      return c.json(
        {
          code: r.code,
          cancelToken: token,
          start: r.start.toISOString(),
          end: r.end.toISOString(),
          status: "booked" as const,
          preApplicationLinked: r.preApplicationId !== null,
          manageUrl: publicUrl(web.deps.config, `/reservations/r/${token}`),
          calendarUrl: publicUrl(web.deps.config, `/api/v1/reservations/${r.code}/calendar.ics`),
        },
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/reservations/{code}/calendar.ics",
      operationId: "getReservationCalendar",
      summary: "The reservation as an RFC 5545 calendar file (UTC; no personal data)",
      description:
        "The same UID for the reservation's whole life; SEQUENCE rises on each move; STATUS:CANCELLED once cancelled.",
      tags: ["reservations"],
      security: [],
      request: { params: CodeParam },
      responses: {
        200: { description: "The calendar file", content: { "text/calendar": { schema: z.string() } } },
        404: { description: "No reservation has this code", content: json },
        422: { description: "The code is longer than any code", content: json },
      },
    }),
    async (c) => {
      const { code } = c.req.valid("param");
      const r = CODE_PATTERN.test(code) ? await repo.findByCode(code) : undefined;
      if (!r || r.status === "held" || r.status === "expired") throw refuse("codeUnknown");
      const target = await targetOf(repo, r.municipalityId, r.officeId, r.purposeId);
      if (!target) throw refuse("codeUnknown");
      c.header("cache-control", "no-store");
      c.header("content-disposition", 'attachment; filename="reservation.ics"');
      return c.body(calendarFile(r, calendarText(r, target.office.names, target.purpose.labels)), 200, {
        "content-type": "text/calendar; charset=utf-8",
      }) as never;
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/reservations/{code}",
      operationId: "cancelReservation",
      summary: "Cancel a reservation with its manage token, until the cut-off",
      tags: ["reservations"],
      security: [],
      request: {
        params: CodeParam,
        query: z.object({
          token: z.string().max(100).openapi({ description: "The cancelToken answered at booking" }),
        }),
      },
      responses: {
        204: { description: "Cancelled (also when it already was): the seat is free again" },
        404: { description: "The code and token do not belong together", content: json },
        409: { description: "Past the cut-off, or already used", content: json },
        422: { description: "A code or token longer than any", content: json },
      },
    }),
    async (c) => {
      const { code } = c.req.valid("param");
      const { token } = c.req.valid("query");
      const r = await reservationOfToken(repo, token);
      if (r.code !== code) throw refuse("tokenInvalid");
      await cancelReservation(db, { token, now: web.now() });
      return c.body(null, 204);
    },
  );

  return api;
}
