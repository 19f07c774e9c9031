import type { BodyPlace, PlaceDirectory, PlaceFacts } from "./place.schema";
import type { Text } from "./procedure.schema";

/**
 * Where Kumamoto's residents go for what the one-stop counter does not take: the five ward offices,
 * and the bodies of the catalogue's `external` procedures. The guidance sheet prints each place with
 * its address, phone and hours.
 *
 * DATA TO CONFIRM with the city before production (public facts as known when this was written,
 * not checked against the city's current pages):
 * - the ward offices' addresses and main numbers (the city hall's 096-328-2111 is the city's
 *   published main number);
 * - the counter numbers: 11 (区民課), 21 (福祉課) and 31 (保健子ども課) are the demo seed's counters
 *   (src/tenancy/kumamoto.seed.ts); insurance and school enrolment are 区民課 sections at its counter;
 * - 熊本市上下水道局 (水前寺6丁目2番45号, お客さまセンター 096-381-1133) and 熊本市動物愛護センター
 *   (東区小山2丁目11番1号, 096-380-2153, 平日 8:30〜17:15);
 * - the pension offices (熊本東 / 熊本西), which one serves which ward, and their Monday and
 *   second-Saturday hours;
 * - 軽自動車検査協会 熊本事務所: address and number are the least certain entries here.
 */

/** The ward offices' own names, in the resident languages (the tenancy seed takes them from here). */
export const kumamotoWardNames: Record<string, Text> = {
  chuo: {
    ja: "中央区役所",
    en: "Chuo Ward Office",
    "zh-Hans": "中央区政府",
    ko: "주오구청",
    vi: "Văn phòng quận Chuo",
  },
  higashi: {
    ja: "東区役所",
    en: "Higashi Ward Office",
    "zh-Hans": "东区政府",
    ko: "히가시구청",
    vi: "Văn phòng quận Higashi",
  },
  nishi: {
    ja: "西区役所",
    en: "Nishi Ward Office",
    "zh-Hans": "西区政府",
    ko: "니시구청",
    vi: "Văn phòng quận Nishi",
  },
  minami: {
    ja: "南区役所",
    en: "Minami Ward Office",
    "zh-Hans": "南区政府",
    ko: "미나미구청",
    vi: "Văn phòng quận Minami",
  },
  kita: {
    ja: "北区役所",
    en: "Kita Ward Office",
    "zh-Hans": "北区政府",
    ko: "기타구청",
    vi: "Văn phòng quận Kita",
  },
};

/** The city's offices' hours (熊本市の休日を定める条例: weekends, holidays and 12/29–1/3 closed). */
const cityHours: Text = {
  ja: "平日 8:30〜17:15（土日・祝日・12月29日〜1月3日を除く）",
  "ja-x-easy": "月曜日〜金曜日の 8時30分〜17時15分（土曜日・日曜日・祝日・12月29日〜1月3日は 休み）",
  en: "Weekdays 8:30–17:15 (closed on weekends, national holidays and 29 December – 3 January)",
  "zh-Hans": "工作日 8:30～17:15（周六、周日、节假日及12月29日～1月3日休息）",
  ko: "평일 8:30~17:15 (토·일요일, 공휴일, 12월 29일~1월 3일 휴무)",
  vi: "Ngày thường 8:30–17:15 (nghỉ thứ Bảy, Chủ nhật, ngày lễ và từ 29/12 đến 3/1)",
};

const ward = (code: string, address: string, addressEn: string, phone: string): PlaceFacts => ({
  name: kumamotoWardNames[code] as Text,
  address: { ja: address, en: addressEn },
  phone,
  hours: cityHours,
});

const counter = (n: number): Text => ({
  ja: `${n}番窓口`,
  "ja-x-easy": `${n}番の 窓口`,
  en: `Counter ${n}`,
  "zh-Hans": `${n}号窗口`,
  ko: `${n}번 창구`,
  vi: `Quầy số ${n}`,
});

const pensionHours: Text = {
  ja: "平日 8:30〜17:15（月曜日は19:00まで。第2土曜日 9:30〜16:00）",
  "ja-x-easy": "月曜日〜金曜日の 8時30分〜17時15分（月曜日は 19時まで。2回目の 土曜日は 9時30分〜16時）",
  en: "Weekdays 8:30–17:15 (Mondays until 19:00; second Saturday of the month 9:30–16:00)",
  "zh-Hans": "工作日 8:30～17:15（周一至19:00；每月第二个周六 9:30～16:00）",
  ko: "평일 8:30~17:15 (월요일은 19:00까지, 매월 둘째 토요일 9:30~16:00)",
  vi: "Ngày thường 8:30–17:15 (thứ Hai đến 19:00; thứ Bảy tuần thứ hai của tháng 9:30–16:00)",
};

const pensionOffice = (ja: string, romaji: string, zh: string, ko: string): Text => ({
  ja,
  en: `Kumamoto ${romaji} Pension Office (Japan Pension Service)`,
  "zh-Hans": zh,
  ko,
  vi: `Văn phòng lương hưu Kumamoto ${romaji}`,
});

const bodies: Record<string, BodyPlace> = {
  water: {
    name: {
      ja: "熊本市上下水道局",
      "ja-x-easy": "熊本市 上下水道局（水道の 役所）",
      en: "Kumamoto City Waterworks and Sewerage Bureau",
      "zh-Hans": "熊本市上下水道局",
      ko: "구마모토시 상하수도국",
      vi: "Cục Cấp thoát nước thành phố Kumamoto",
    },
    counter: {
      ja: "お客さまセンター",
      "ja-x-easy": "お客さまセンター",
      en: "Customer centre",
      "zh-Hans": "客户服务中心",
      ko: "고객센터",
      vi: "Trung tâm khách hàng",
    },
    address: { ja: "熊本市中央区水前寺6丁目2番45号", en: "6-2-45 Suizenji, Chuo-ku, Kumamoto" },
    phone: "096-381-1133",
    hours: cityHours,
    city: true,
  },
  animals: {
    name: {
      ja: "熊本市動物愛護センター",
      "ja-x-easy": "熊本市 動物愛護センター（犬や ねこの センター）",
      en: "Kumamoto City Animal Welfare Centre",
      "zh-Hans": "熊本市动物爱护中心",
      ko: "구마모토시 동물애호센터",
      vi: "Trung tâm bảo vệ động vật thành phố Kumamoto",
    },
    address: { ja: "熊本市東区小山2丁目11番1号", en: "2-11-1 Koyama, Higashi-ku, Kumamoto" },
    phone: "096-380-2153",
    hours: cityHours,
    city: true,
  },
  "pension-east": {
    name: pensionOffice("熊本東年金事務所", "Higashi", "熊本东年金事务所", "구마모토히가시 연금사무소"),
    address: { ja: "熊本市中央区大江3丁目1番53号", en: "3-1-53 Oe, Chuo-ku, Kumamoto" },
    phone: "096-367-2503",
    hours: pensionHours,
    city: false,
  },
  "pension-west": {
    name: pensionOffice("熊本西年金事務所", "Nishi", "熊本西年金事务所", "구마모토니시 연금사무소"),
    address: { ja: "熊本市西区二本木3丁目1番28号", en: "3-1-28 Nihongi, Nishi-ku, Kumamoto" },
    phone: "096-353-0142",
    hours: pensionHours,
    city: false,
  },
  "light-vehicles": {
    name: {
      ja: "軽自動車検査協会 熊本事務所",
      "ja-x-easy": "軽自動車検査協会 熊本事務所（軽自動車の 事務所）",
      en: "Light Motor Vehicle Inspection Organization, Kumamoto Office",
      "zh-Hans": "轻型汽车检查协会 熊本事务所",
      ko: "경자동차검사협회 구마모토사무소",
      vi: "Hiệp hội Kiểm định Xe hạng nhẹ, Văn phòng Kumamoto",
    },
    address: { ja: "熊本市東区小山町1945番地1", en: "1945-1 Koyama-machi, Higashi-ku, Kumamoto" },
    phone: "050-3816-1846",
    hours: {
      ja: "平日 8:45〜11:45、13:00〜16:00",
      "ja-x-easy": "月曜日〜金曜日の 8時45分〜11時45分と 13時〜16時",
      en: "Weekdays 8:45–11:45 and 13:00–16:00",
      "zh-Hans": "工作日 8:45～11:45、13:00～16:00",
      ko: "평일 8:45~11:45, 13:00~16:00",
      vi: "Ngày thường 8:45–11:45 và 13:00–16:00",
    },
    city: false,
  },
};

export const kumamotoPlaces: PlaceDirectory = {
  offices: {
    chuo: ward(
      "chuo",
      "熊本市中央区手取本町1番1号（熊本市役所本庁舎）",
      "1-1 Tetori-honcho, Chuo-ku, Kumamoto (City Hall)",
      "096-328-2111",
    ),
    higashi: ward(
      "higashi",
      "熊本市東区東本町16番30号",
      "16-30 Higashi-honmachi, Higashi-ku, Kumamoto",
      "096-367-9111",
    ),
    nishi: ward("nishi", "熊本市西区小島2丁目7番1号", "2-7-1 Kojima, Nishi-ku, Kumamoto", "096-329-1111"),
    minami: ward(
      "minami",
      "熊本市南区富合町清藤405番地3",
      "405-3 Tomiai-machi Seito, Minami-ku, Kumamoto",
      "096-357-4111",
    ),
    kita: ward(
      "kita",
      "熊本市北区植木町岩野238番地1",
      "238-1 Ueki-machi Iwano, Kita-ku, Kumamoto",
      "096-272-1111",
    ),
  },
  // The branch offices (総合出張所) have no one-stop counter yet: their staff send residents to 中央区役所.
  mainOffice: "chuo",
  counters: {
    resident: counter(11),
    insurance: counter(11),
    education: counter(11),
    welfare: counter(21),
    children: counter(31),
  },
  bodies,
  procedureBodies: {
    "suido.notice": "water",
    "inu.registration-change": "animals",
    "nenkin.death-report": { nishi: "pension-west", minami: "pension-west", "*": "pension-east" },
    "keiji.vehicle-address": "light-vehicles",
    "keiji.owner-death": "light-vehicles",
  },
};
