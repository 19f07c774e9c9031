import { formatMinute } from "../../queue/calendar";
import type { LocaleMap } from "../../shared/locale";
import type { Translate } from "../../web/i18n";
import type { ReservationRow } from "../reservation.repository";
import type { SlotRules } from "../slot-rules";
import { timeText } from "./reservation.presenter";
import type { StaffRow } from "./staff-overview.page";

/** The rules in one line, for the settings list and the history. */
export const rulesSummary = (t: Translate, r: SlotRules): string =>
  t("reservations.rulesSummaryLine", {
    start: formatMinute(r.startMinute),
    end: formatMinute(r.endMinute),
    slot: r.slotMinutes,
    seats: r.capacityByWeekday.join("・"),
    horizon: r.horizonDays,
    walkIn: r.walkInSharePercent,
  });

/** A reservation as a row of the staff lists: the purpose's name, the time, the contact. */
export const staffRow = (r: ReservationRow, purposes: ReadonlyMap<string, LocaleMap>): StaffRow => ({
  id: r.id,
  time: timeText(r.start),
  code: r.code,
  name: r.name ?? "",
  purpose: purposes.get(r.purposeId) ?? { ja: "" },
  status: r.status,
  phone: r.phone,
  email: r.email,
});
