import type { MunicipalitySettings } from "../../catalog/municipality.schema";
import { procedureInfo } from "../../catalog/procedure-info";
import { type PlaceKind, placeFor, telUri } from "../../catalog/procedure-place";
import type { EventType } from "../../catalog/vocabulary";
import { eventTypeDescriptions } from "../../catalog/vocabulary-labels";
import type { LocaleMap } from "../../shared/locale";
import { dueDate } from "../due-date";
import type { Plan, PlanItem } from "../engine";
import type { GuidanceDraft } from "../guidance-form";
import { departmentLabel } from "./guidance.presenter";

/**
 * The resident's guidance sheet as a plain view: what this counter took today, and for the rest
 * where to go — grouped by place, each place with its address, phone and hours, each procedure with
 * who it is for, its deadline and what to bring. Residents are named, never numbered by their ids.
 */

/** A member as the sheet names them: the registered name, or their place in the household. */
export interface SheetMember {
  name?: string;
  /** 1 for the first member of the household (for a member entered without a name). */
  position: number;
}

/** A procedure this counter took today. */
export interface SheetDoneItem {
  id: string;
  name: LocaleMap;
  members: SheetMember[];
}

/** A procedure still to do at a place. */
export interface SheetTodoItem {
  id: string;
  name: LocaleMap;
  members: SheetMember[];
  /** The last day the office accepts it (ISO): the legal deadline, moved past closed days; null when the law sets none. */
  due: string | null;
  /** The legal deadline fell on a closed day, so `due` is the next open day (the sheet says why). */
  dueMoved: boolean;
  /** What to bring, in each language the catalogue has (Japanese always). */
  bring: LocaleMap[];
}

/** A place the resident goes to, with the procedures to do there. */
export interface SheetPlace {
  key: string;
  kind: PlaceKind;
  name: LocaleMap;
  section?: LocaleMap | undefined;
  counter?: LocaleMap | undefined;
  address?: LocaleMap | undefined;
  phone?: { text: string; uri: string } | undefined;
  hours?: LocaleMap | undefined;
  procedures: SheetTodoItem[];
}

export interface SheetView {
  municipality: LocaleMap;
  /** The event as the counter names it (a code the vocabulary lacks is shown as it is). */
  event: LocaleMap;
  eventDate: string;
  here: SheetDoneItem[];
  /** The places, in the order the plan first sends the resident to each. */
  places: SheetPlace[];
}

/** The members of an item with their names from the draft (ids are m1, m2, … by position). */
function membersOf(item: PlanItem, draft: GuidanceDraft): SheetMember[] {
  return item.members.map((id) => {
    const position = Number(id.slice(1));
    const name = draft.members[position - 1]?.name.trim();
    return name ? { name, position } : { position };
  });
}

/**
 * The sheet for a plan. `officeCode` is the office the resident came to (the tenancy's code): the
 * municipality's own departments are at that office.
 */
export function presentSheet(
  plan: Plan,
  draft: GuidanceDraft,
  settings: MunicipalitySettings,
  officeCode?: string,
): SheetView {
  const nameOf = (item: PlanItem): LocaleMap => procedureInfo(item.id, settings)?.name ?? { ja: item.name };
  const here = plan.procedures
    .filter((p) => p.handling === "one-stop")
    .map((item) => ({ id: item.id, name: nameOf(item), members: membersOf(item, draft) }));
  const places = new Map<string, SheetPlace>();
  for (const item of plan.procedures.filter((p) => p.handling === "guidance")) {
    const place = placeFor(item.id, settings, officeCode) ?? {
      key: `department:${item.department}`,
      kind: item.department === "external" ? ("outside" as const) : ("office" as const),
      name: departmentLabel(settings, item.department),
    };
    let entry = places.get(place.key);
    if (!entry) {
      entry = {
        key: place.key,
        kind: place.kind,
        name: place.name,
        section: place.section,
        counter: place.counter,
        address: place.address,
        phone: place.phone ? { text: place.phone, uri: telUri(place.phone) } : undefined,
        hours: place.hours,
        procedures: [],
      };
      places.set(place.key, entry);
    }
    const due = item.due !== undefined ? item.due : dueDate(item.deadline, settings.closedDates);
    entry.procedures.push({
      id: item.id,
      name: nameOf(item),
      members: membersOf(item, draft),
      due,
      dueMoved: due !== item.deadline,
      bring: procedureInfo(item.id, settings)?.documents ?? [],
    });
  }
  return {
    municipality: settings.name,
    event: eventTypeDescriptions[draft.event.type as EventType] ?? { ja: draft.event.type },
    eventDate: draft.event.date,
    here,
    places: [...places.values()],
  };
}
