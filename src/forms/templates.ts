import type { EventType } from "../catalog/vocabulary";
import { type FormTemplate, type FormTemplateInput, parseTemplates } from "./form-template.schema";
import { kosekiTemplates } from "./templates-koseki";

/**
 * The generated form of every `one-stop` procedure of the catalogue, as data. Titles and boxes follow
 * the usual municipal forms (住民異動届, 国民健康保険 資格取得届, 児童手当 認定請求書, …); dates print in 和暦
 * as those forms do. Repeated parts (the filer, a bank account, a member table) are shared constants,
 * so a change to one reads the same on every form.
 */

type Box = {
  label: string;
  bind?: string;
  value?: string;
  span: number;
  height?: number;
  suffix?: string;
  events?: EventType[];
};
type Column = { label: string; bind: string; width: number; events?: EventType[] };

const within: EventType[] = ["move-within", "move-between-wards"];
/** Phase 2: a birth, a marriage, a divorce. A box for the day of the event says which day it is. */
const family: EventType[] = ["birth", "marriage", "divorce"];
const eventDay = (label: string, span = 4, events: EventType[] = family): Box[] =>
  events.map((e) => ({
    label: `${label}（${e === "birth" ? "出生日" : e === "marriage" ? "婚姻日" : "離婚日"}）`,
    bind: "eventDate",
    span,
    events: [e],
  }));

// ── Member tables ─────────────────────────────────────────────────────────────────────────────────
const name: Column = { label: "氏名", bind: "name", width: 3.2 };
const kana: Column = { label: "フリガナ", bind: "kana", width: 3.2 };
const birth: Column = { label: "生年月日", bind: "birthDate", width: 2.8 };
const sex: Column = { label: "性別", bind: "sex", width: 0.8 };
const relation: Column = { label: "続柄", bind: "relation", width: 1.1 };
const person = [name, kana, birth, sex, relation];
/**
 * The second line of a 住民異動届 member row (住基法 §7, §30の45): 本籍・筆頭者 for Japanese nationals,
 * 国籍・地域, 在留資格, 在留期間の満了の日 and 在留カード等の番号 for foreign residents. The dictionary leaves
 * the other group blank for each member.
 */
const register: Column[] = [
  { label: "本籍", bind: "honseki", width: 4.2 },
  { label: "筆頭者", bind: "hittousha", width: 2.2 },
  { label: "国籍・地域", bind: "nationality", width: 1.7 },
  { label: "在留資格", bind: "residenceStatus", width: 1.9 },
  { label: "在留期間の満了の日", bind: "residencePeriodEnd", width: 2.5 },
  { label: "在留カード等の番号", bind: "residenceCardNumber", width: 2.5 },
];

const members = (heading: string, columns: Column[], rows = 4, detail?: Column[]) => ({
  type: "members" as const,
  heading,
  rows,
  columns,
  ...(detail ? { detail } : {}),
});

// ── Box groups ────────────────────────────────────────────────────────────────────────────────────
const boxes = (heading: string, list: Box[]) => ({ type: "boxes" as const, heading, boxes: list });
const note = (...lines: string[]) => ({ type: "note" as const, lines });

/**
 * A person's boxes: the filer (`applicant`, whoever came to the counter — a member or someone else),
 * the 喪主 who claims a 葬祭費 (`funeralHost`), or the 児童手当 claimant (`claimant`).
 */
const party = (heading: string, who: string, relationLabel: string, extra: Box[] = []) =>
  boxes(heading, [
    { label: "氏名", bind: who, span: 4 },
    { label: "フリガナ", bind: `${who}.kana`, span: 3 },
    { label: "生年月日", bind: `${who}.birthDate`, span: 3 },
    { label: relationLabel, bind: `${who}.relation`, span: 2 },
    { label: "住所", bind: `${who}.address`, span: 8 },
    { label: "電話番号（日中の連絡先）", bind: `${who}.phone`, span: 4 },
    ...extra,
  ]);

/** The person filing, as the ward office needs to reach them. */
const filer = (heading = "届出人"): ReturnType<typeof boxes> =>
  party(heading, "applicant", "対象の方との続柄");

const bankAccount = (heading = "振込先口座"): ReturnType<typeof boxes> =>
  boxes(heading, [
    { label: "金融機関コード", bind: "bankCode", span: 2 },
    { label: "支店コード", bind: "branchCode", span: 2 },
    { label: "預金種目", bind: "accountType", span: 2 },
    { label: "口座番号", bind: "accountNumber", span: 2 },
    { label: "口座名義（カナ）", bind: "accountHolderKana", span: 4 },
  ]);

const moveIn = (dateLabel = "転入した日"): Box[] => [
  { label: dateLabel, bind: "movingDate", span: 4 },
  { label: "新しい住所の郵便番号", bind: "newPostalCode", span: 3 },
  { label: "世帯主", bind: "headName", span: 5 },
  { label: "新しい住所", bind: "newAddress", span: 12 },
  { label: "前の住所", bind: "previousAddress", span: 12 },
];

/** 転入届: 前住所 with its 世帯主, or — from abroad — 国外 and the country. */
const jukiMoveIn = (): Box[] => [
  { label: "転入した日", bind: "movingDate", span: 4 },
  { label: "新しい住所の郵便番号", bind: "newPostalCode", span: 3 },
  { label: "世帯主", bind: "headName", span: 5 },
  { label: "新しい住所", bind: "newAddress", span: 12 },
  { label: "前住所（転入前の住所）", bind: "previousAddress", span: 6 },
  { label: "前住所の世帯主", bind: "previousHead", span: 3 },
  { label: "国外からの転入: 国・地域", bind: "previousCountry", span: 3 },
];

const moveWithin = (dateLabel = "転居した日"): Box[] => [
  { label: dateLabel, bind: "movingDate", span: 4 },
  { label: "新しい住所の郵便番号", bind: "newPostalCode", span: 3 },
  { label: "世帯主", bind: "headName", span: 5 },
  { label: "新しい住所", bind: "newAddress", span: 12 },
  { label: "前の住所", bind: "previousAddress", span: 8 },
  { label: "前住所の世帯主", bind: "previousHead", span: 4 },
];

const moveOut = (dateLabel = "転出予定日"): Box[] => [
  { label: dateLabel, bind: "movingDate", span: 4 },
  { label: "世帯主", bind: "headName", span: 8 },
  { label: "転出先の住所", bind: "newAddress", span: 12 },
  { label: "現住所", bind: "previousAddress", span: 12 },
];

/** A change of address on any move into or within the city (the event picks the boxes). */
const addressChange = (dateLabel = "変更日"): Box[] => [
  { label: dateLabel, bind: "movingDate", span: 4 },
  { label: "異動の事由", bind: "eventLabel", span: 3 },
  { label: "新しい住所の郵便番号", bind: "newPostalCode", span: 5 },
  { label: "新しい住所", bind: "newAddress", span: 12 },
  { label: "前の住所", bind: "previousAddress", span: 12 },
];

/** The end of an entitlement on a move out or a death. */
const loss = (dateLabel = "喪失日"): Box[] => [
  { label: `${dateLabel}（転出予定日）`, bind: "movingDate", span: 4, events: ["move-out"] },
  { label: `${dateLabel}（死亡日）`, bind: "deathDate", span: 4, events: ["death"] },
  ...eventDay(dateLabel, 4, ["marriage", "divorce"]),
  { label: "事由", bind: "eventLabel", span: 2 },
  { label: "世帯主", bind: "headName", span: 6 },
  { label: "転出先の住所", bind: "newAddress", span: 12, events: ["move-out"] },
  { label: "住所", bind: "householdAddress", span: 12 },
];

const death = (extra: Box[] = []): Box[] => [
  { label: "死亡日", bind: "deathDate", span: 4 },
  { label: "世帯主", bind: "headName", span: 8 },
  { label: "住所", bind: "address", span: 12 },
  ...extra,
];

const funeral = (): Box[] => [
  { label: "死亡日", bind: "deathDate", span: 3 },
  { label: "葬祭を行った日", bind: "funeralDate", span: 3 },
  { label: "亡くなった方の住所", bind: "householdAddress", span: 6 },
];

/** The 申請者 of a 葬祭費 is the 喪主, who need not be the filer nor a member of the household. */
const funeralHost = (): ReturnType<typeof boxes> =>
  party("申請者（喪主・葬祭を行った方）", "funeralHost", "亡くなった方との続柄");

const notify = "上記のとおり届け出ます。";
const apply = "上記のとおり申請します。";
const sign = { label: "届出人 署名" };
const signApply = { label: "申請者 署名" };

const generated = (
  t: Omit<FormTemplateInput & { kind: "generated" }, "kind" | "version">,
): FormTemplateInput => ({
  kind: "generated",
  version: 2,
  ...t,
});

const data: FormTemplateInput[] = [
  // ── 住民記録・マイナンバーカード・印鑑 ─────────────────────────────────────────────────────────
  generated({
    procedureId: "juki.move-in",
    title: "住民異動届",
    subtitle: "転入届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("異動の内容", jukiMoveIn()),
      members("異動する人", person, 6, register),
      filer(),
      note("※ 前住所地の転出証明書（マイナンバーカードによる転出の場合はカード）を確認しました。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "juki.move-within",
    title: "住民異動届",
    subtitle: "転居届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [boxes("異動の内容", moveWithin()), members("異動する人", person, 6, register), filer()],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "juki.move-out",
    title: "住民異動届",
    subtitle: "転出届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [boxes("異動の内容", moveOut()), members("異動する人", person, 6, register), filer()],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "juki.head-change",
    title: "住民異動届",
    subtitle: "世帯主変更届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("異動の内容", [
        { label: "変更の事由が生じた日（死亡日）", bind: "deathDate", span: 5, events: ["death"] },
        { label: "変更の事由が生じた日（転出予定日）", bind: "movingDate", span: 5, events: ["move-out"] },
        ...eventDay("変更の事由が生じた日", 5, ["divorce"]),
        { label: "事由", bind: "eventLabel", span: 2 },
        { label: "新しい世帯主", bind: "newHead", span: 5 },
        { label: "住所", bind: "householdAddress", span: 12 },
      ]),
      members("世帯に残る人", [name, kana, birth, sex], 6),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "juki.household-merge",
    title: "住民異動届",
    subtitle: "世帯合併届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("異動の内容", [
        ...eventDay("異動日", 4, ["marriage"]),
        { label: "異動の事由", value: "婚姻による世帯合併", span: 3 },
        { label: "合併後の世帯主", bind: "headName", span: 5 },
        { label: "住所", bind: "householdAddress", span: 12 },
      ]),
      members("合併後の世帯員（婚姻した方）", [name, kana, birth, sex, relation], 6),
      filer(),
      note("※ 同じ住所の二つの世帯を一つにします。合併後の世帯主と続柄を確認してください。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "juki.certificate",
    title: "住民票の写し等交付申請書",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      boxes("請求の内容", [
        { label: "証明の種類", value: "住民票の写し（世帯全員）", span: 5 },
        { label: "通数", bind: "certificateCopies", span: 2, suffix: "通" },
        { label: "使用目的・提出先", bind: "certificatePurpose", span: 5 },
        { label: "記載事項", value: "世帯主・続柄を記載／本籍・個人番号は省略", span: 12 },
      ]),
      members("必要な方", [name, kana, birth, relation], 6),
      filer("請求者（窓口に来た方）"),
    ],
    statement: apply,
    signature: { label: "請求者 署名" },
  }),
  generated({
    procedureId: "mynumber.address-update",
    title: "個人番号カード 券面記載事項変更届",
    subtitle: "住所",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("変更の内容", addressChange("住所を異動した日")),
      members("カードをお持ちの方", [name, kana, birth, sex], 6),
      filer(),
      note("※ カードの暗証番号は、ご本人が端末で入力します（この用紙には記載しません）。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "mynumber.name-change",
    title: "個人番号カード 券面記載事項変更届",
    subtitle: "氏名",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("変更の内容", [
        ...eventDay("氏名が変わった日", 4, ["marriage", "divorce"]),
        { label: "変更の事由", bind: "eventLabel", span: 3 },
        { label: "世帯主", bind: "headName", span: 5 },
        { label: "住所", bind: "householdAddress", span: 12 },
      ]),
      members(
        "カードをお持ちの方（氏が変わる方）",
        [
          name,
          kana,
          birth,
          sex,
          { label: "離婚後の氏（婚姻前の氏）", bind: "previousSurname", width: 2.6, events: ["divorce"] },
        ],
        6,
      ),
      filer(),
      note("※ 戸籍の届出が受理された後に券面を書き換えます。カードの暗証番号は、ご本人が端末で入力します。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "mynumber.return",
    title: "個人番号カード 返納届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("返納の理由", death([{ label: "返納の理由", bind: "eventLabel", span: 12 }])),
      members("カードの名義人（亡くなった方）", [name, kana, birth, sex], 2),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "inkan.register",
    title: "印鑑登録申請書",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      boxes("登録の内容", [
        { label: "住所", bind: "householdAddress", span: 12 },
        {
          label: "申請の事由",
          value: "氏の変更による再登録（これまでの登録は廃止します）",
          span: 12,
          events: ["marriage", "divorce"],
        },
        { label: "登録する印鑑（印影）", span: 4, height: 72 },
        { label: "登録の方法", value: "本人が窓口で申請（本人確認書類で即日登録）", span: 8, height: 72 },
      ]),
      members("登録する人", [name, kana, birth, sex], 4),
      filer("申請者"),
    ],
    statement: apply,
    signature: signApply,
  }),
  generated({
    procedureId: "inkan.return",
    title: "印鑑登録廃止申請書",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      boxes("廃止の理由", loss("廃止日")),
      members("登録されている人", [name, kana, birth, sex], 4),
      filer("申請者"),
      note("※ 印鑑登録証（カード）をお返しください。"),
    ],
    statement: apply,
    signature: signApply,
  }),
  generated({
    procedureId: "koseki.death",
    title: "死亡届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      members("死亡した人", [name, kana, birth, sex], 1, [
        { label: "本籍", bind: "honseki", width: 4.2 },
        { label: "筆頭者", bind: "hittousha", width: 2.2 },
        { label: "国籍・地域", bind: "nationality", width: 1.7 },
      ]),
      boxes("死亡の内容", [
        { label: "死亡したとき", bind: "deathDate", span: 4 },
        { label: "死亡したところ", bind: "deathPlace", span: 8 },
        { label: "住所", bind: "address", span: 8 },
        { label: "世帯主", bind: "headName", span: 4 },
      ]),
      party("届出人", "applicant", "亡くなった方との続柄", [
        { label: "届出人の資格", bind: "filerCapacity", span: 12 },
      ]),
      note("※ 死亡診断書（死体検案書）を添えて届け出ます。"),
    ],
    statement: notify,
    signature: sign,
  }),
  ...kosekiTemplates,

  // ── 国民健康保険・後期高齢者医療・国民年金 ─────────────────────────────────────────────────────
  generated({
    procedureId: "kokuho.enroll",
    title: "国民健康保険 被保険者資格取得届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("資格取得の内容", [
        { label: "資格取得日（転入日）", bind: "movingDate", span: 4, events: ["move-in"] },
        ...eventDay("資格取得の事由が生じた日"),
        { label: "取得の事由", bind: "eventLabel", span: 3 },
        { label: "世帯主", bind: "headName", span: 5 },
        { label: "住所", bind: "householdAddress", span: 12 },
        { label: "前の住所", bind: "previousAddress", span: 12, events: ["move-in"] },
        {
          label: "これまでの医療保険",
          value: "職場の健康保険など（資格喪失証明書を確認）",
          span: 12,
          events: ["marriage", "divorce"],
        },
      ]),
      members("加入する人", person, 6),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kokuho.update",
    title: "国民健康保険 住所変更届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [boxes("変更の内容", addressChange()), members("被保険者", person, 6), filer()],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kokuho.withdraw",
    title: "国民健康保険 被保険者資格喪失届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("資格喪失の内容", [
        ...loss(),
        {
          label: "職場の健康保険に加入した日",
          bind: "employeeInsuranceFrom",
          span: 12,
          events: ["marriage", "divorce"],
        },
      ]),
      members("資格を喪失する人", person, 6),
      filer(),
      note("※ 資格確認書（保険証）をお返しください。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kokuho.funeral-benefit",
    title: "国民健康保険 葬祭費支給申請書",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      members("亡くなった方", [name, kana, birth], 1),
      boxes("葬祭の内容", funeral()),
      funeralHost(),
      bankAccount("振込先口座（喪主名義）"),
      filer("届出人（窓口に来た方）"),
    ],
    statement: apply,
    // The one signature of the visit is the filer's, who may not be the 喪主.
    signature: sign,
  }),
  generated({
    procedureId: "kokuho.childbirth-grant",
    title: "国民健康保険 出産育児一時金 支給申請書",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      members("出産した被保険者", [name, kana, birth], 1),
      boxes("出産の内容", [
        { label: "出産日", bind: "eventDate", span: 4 },
        { label: "生まれた子の氏名", bind: "child.name", span: 5 },
        { label: "出生児数", value: "1", span: 3, suffix: "人" },
        { label: "出産した医療機関等の所在地", bind: "birthPlace", span: 12 },
        { label: "直接支払制度", bind: "directPayment", span: 12 },
      ]),
      // The claimant of a 国保 benefit is the 世帯主 (国民健康保険法 §58).
      boxes("申請者（世帯主）", [
        { label: "世帯主の氏名", bind: "headName", span: 6 },
        { label: "住所", bind: "householdAddress", span: 6 },
      ]),
      bankAccount("振込先口座（世帯主名義）"),
      filer("届出人（窓口に来た方）"),
      note("※ 医療機関等との合意文書と、出産費用の領収・明細書をお持ちください。"),
    ],
    statement: apply,
    signature: sign,
  }),
  generated({
    procedureId: "kouki.enroll",
    title: "後期高齢者医療 被保険者異動届",
    subtitle: "転入",
    addressee: "kouki",
    dateLabel: "届出日",
    sections: [
      boxes("異動の内容", moveIn()),
      members("被保険者", [name, kana, birth, sex], 4),
      boxes("添付書類", [{ label: "負担区分等証明書", value: "前住所地で交付されたものを添付", span: 12 }]),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kouki.update",
    title: "後期高齢者医療 被保険者異動届",
    subtitle: "住所変更",
    addressee: "kouki",
    dateLabel: "届出日",
    sections: [
      boxes("変更の内容", addressChange()),
      members("被保険者", [name, kana, birth, sex], 4),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kouki.move-out",
    title: "後期高齢者医療 負担区分等証明書 交付申請書",
    subtitle: "転出",
    addressee: "kouki",
    dateLabel: "申請日",
    sections: [
      boxes("異動の内容", moveOut()),
      members("被保険者", [name, kana, birth, sex], 4),
      filer("申請者"),
    ],
    statement: apply,
    signature: signApply,
  }),
  generated({
    procedureId: "kouki.withdraw",
    title: "後期高齢者医療 被保険者資格喪失届",
    subtitle: "死亡",
    addressee: "kouki",
    dateLabel: "届出日",
    sections: [
      boxes("資格喪失の内容", death()),
      members("亡くなった方", [name, kana, birth, sex], 1),
      filer(),
      note("※ 資格確認書（保険証）をお返しください。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kouki.funeral-benefit",
    title: "後期高齢者医療 葬祭費支給申請書",
    addressee: "kouki",
    dateLabel: "申請日",
    sections: [
      members("亡くなった方", [name, kana, birth], 1),
      boxes("葬祭の内容", funeral()),
      funeralHost(),
      bankAccount("振込先口座（喪主名義）"),
      filer("届出人（窓口に来た方）"),
    ],
    statement: apply,
    // The one signature of the visit is the filer's, who may not be the 喪主.
    signature: sign,
  }),
  generated({
    procedureId: "nenkin.address-change",
    title: "国民年金 被保険者住所変更届",
    addressee: "pension",
    dateLabel: "届出日",
    sections: [
      boxes("変更の内容", moveIn("住所を変更した日")),
      members(
        "第1号被保険者",
        [name, kana, birth, { label: "基礎年金番号", bind: "basicPensionNumber", width: 2.6 }],
        4,
      ),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "nenkin.enroll",
    title: "国民年金 被保険者資格取得届",
    addressee: "pension",
    dateLabel: "届出日",
    sections: [
      boxes("資格取得の内容", [
        { label: "資格取得日（海外からの転入日）", bind: "movingDate", span: 5 },
        { label: "種別", value: "第1号被保険者", span: 3 },
        { label: "世帯主", bind: "headName", span: 4 },
        { label: "住所", bind: "newAddress", span: 12 },
      ]),
      members(
        "資格を取得する人",
        [
          name,
          kana,
          birth,
          sex,
          { label: "基礎年金番号（お持ちの方）", bind: "basicPensionNumber", width: 2.6 },
        ],
        4,
      ),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "nenkin.category-change",
    title: "国民年金 被保険者関係届書",
    subtitle: "種別変更（第1号へ）",
    addressee: "pension",
    dateLabel: "届出日",
    sections: [
      boxes("種別変更の内容", [
        { label: "種別変更日（転入日）", bind: "movingDate", span: 4, events: ["move-in"] },
        ...eventDay("種別変更の事由が生じた日", 4, ["marriage", "divorce"]),
        { label: "変更後の種別", value: "第1号被保険者", span: 4 },
        { label: "事由", bind: "eventLabel", span: 4 },
        { label: "住所", bind: "householdAddress", span: 12 },
      ]),
      members(
        "種別が変わる人",
        [
          name,
          kana,
          birth,
          { label: "変更前の種別", bind: "previousPensionLabel", width: 2.4 },
          { label: "基礎年金番号", bind: "basicPensionNumber", width: 2.6 },
        ],
        4,
      ),
      filer(),
      note("※ 配偶者の扶養から外れた方、会社を辞めた方は、第1号被保険者として保険料を納めます。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "nenkin.survivor-benefit",
    title: "国民年金 遺族基礎年金・死亡一時金 相談票",
    addressee: "pension",
    dateLabel: "相談日",
    sections: [
      members(
        "亡くなった方",
        [name, kana, birth, { label: "基礎年金番号", bind: "basicPensionNumber", width: 2.6 }],
        1,
      ),
      boxes("相談の内容", death()),
      filer("相談者"),
      note(
        "※ 遺族基礎年金・寡婦年金・死亡一時金のうち受けられるものを確認し、",
        "　 年金事務所または市区町村の窓口で裁定請求します。",
      ),
    ],
    statement: "上記のとおり相談します。",
    signature: { label: "相談者 署名" },
  }),

  // ── 介護保険・障がい福祉 ───────────────────────────────────────────────────────────────────────
  generated({
    procedureId: "kaigo.enroll",
    title: "介護保険 被保険者資格取得・異動届",
    subtitle: "転入",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("異動の内容", moveIn("資格取得日（転入日）")),
      members("第1号被保険者", person, 4),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kaigo.certification-transfer",
    title: "要介護・要支援認定申請書",
    subtitle: "受給資格証明書による",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      boxes("異動の内容", moveIn()),
      members(
        "認定を引き継ぐ人",
        [
          name,
          birth,
          { label: "要介護度", bind: "careLevel", width: 1.6 },
          { label: "認定有効期間の満了日", bind: "careCertificationEnd", width: 2.8 },
        ],
        4,
      ),
      boxes("添付書類", [{ label: "受給資格証明書", value: "前住所地で交付されたものを添付", span: 12 }]),
      filer("申請者"),
    ],
    statement: apply,
    signature: signApply,
  }),
  generated({
    procedureId: "kaigo.update",
    title: "介護保険 住所変更届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("変更の内容", addressChange()),
      members("被保険者", [name, kana, birth, { label: "要介護度", bind: "careLevel", width: 1.6 }], 4),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kaigo.move-out",
    title: "介護保険 受給資格証明書 交付申請書",
    subtitle: "転出",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      boxes("異動の内容", moveOut()),
      members("被保険者", [name, kana, birth, { label: "要介護度", bind: "careLevel", width: 1.6 }], 4),
      filer("申請者"),
    ],
    statement: apply,
    signature: signApply,
  }),
  generated({
    procedureId: "kaigo.withdraw",
    title: "介護保険 被保険者資格喪失届",
    subtitle: "死亡",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("資格喪失の内容", death()),
      members("亡くなった方", [name, kana, birth, { label: "要介護度", bind: "careLevel", width: 1.6 }], 1),
      filer(),
      note("※ 介護保険被保険者証をお返しください。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "shogai.address-change",
    title: "障害者手帳 記載事項変更届",
    subtitle: "住所",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("変更の内容", addressChange()),
      members(
        "手帳をお持ちの方",
        [
          name,
          birth,
          { label: "手帳の種類", bind: "disabilityCertificateKind", width: 3.4 },
          { label: "手帳番号", bind: "disabilityCertificateNumber", width: 2 },
        ],
        4,
      ),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "shogai.return",
    title: "障害者手帳 返還届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("返還の理由", death([{ label: "返還の理由", bind: "eventLabel", span: 12 }])),
      members(
        "手帳の名義人（亡くなった方）",
        [
          name,
          birth,
          { label: "手帳の種類", bind: "disabilityCertificateKind", width: 3.4 },
          { label: "手帳番号", bind: "disabilityCertificateNumber", width: 2 },
        ],
        1,
      ),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),

  // ── 子ども・子育て ─────────────────────────────────────────────────────────────────────────────
  generated({
    procedureId: "jidoteate.claim",
    title: "児童手当 認定請求書",
    addressee: "mayor",
    dateLabel: "請求日",
    sections: [
      // The claimant is the parent with the higher income, chosen in the interview; the filer signs.
      party("請求者（所得の高い方の親）", "claimant", "児童との続柄", [
        { label: "加入している医療保険", bind: "claimant.insurance", span: 6 },
        { label: "請求の事由", bind: "eventLabel", span: 6 },
        ...eventDay("事由が生じた日", 12, ["birth", "divorce"]),
      ]),
      members("対象となる児童", [name, kana, birth, sex, relation], 6),
      bankAccount("振込先口座（請求者名義）"),
      filer("届出人（窓口に来た方）"),
    ],
    statement: "上記のとおり児童手当の認定を請求します。",
    signature: sign,
  }),
  generated({
    procedureId: "jidoteate.update",
    title: "児童手当 住所変更届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [boxes("変更の内容", addressChange()), members("受給者", [name, kana, birth], 2), filer()],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "jidoteate.amount-change",
    title: "児童手当 額改定認定請求書",
    addressee: "mayor",
    dateLabel: "請求日",
    sections: [
      members("受給者", [name, kana, birth], 2),
      boxes("額改定の内容", [
        ...eventDay("額改定の事由が生じた日", 4, ["birth"]),
        { label: "事由", value: "児童の出生（支給対象児童の増）", span: 8 },
        { label: "増えた児童の氏名", bind: "child.name", span: 5 },
        { label: "生年月日", bind: "child.birthDate", span: 4 },
        { label: "続柄", bind: "child.headRelation", span: 3 },
        { label: "住所", bind: "householdAddress", span: 12 },
      ]),
      filer("届出人（窓口に来た方）"),
      note("※ 出生日の翌日から15日以内に請求すると、出生の翌月分から増額されます。"),
    ],
    statement: "上記のとおり児童手当の額の改定を請求します。",
    signature: sign,
  }),
  generated({
    procedureId: "jidoteate.terminate",
    title: "児童手当 受給事由消滅届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [boxes("消滅の内容", loss("消滅日")), members("受給者", [name, kana, birth], 2), filer()],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kodomo-iryo.enroll",
    title: "子ども医療費助成 受給資格登録申請書",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      boxes("登録の内容", [
        { label: "登録の事由が生じた日（転入日）", bind: "movingDate", span: 5, events: ["move-in"] },
        ...eventDay("登録の事由が生じた日", 5, ["birth"]),
        { label: "保護者", bind: "applicant", span: 7 },
        { label: "住所", bind: "householdAddress", span: 12 },
      ]),
      members(
        "対象となる子ども",
        [name, kana, birth, sex, { label: "医療保険", bind: "insurance", width: 2.6 }],
        6,
      ),
      filer("申請者（保護者）"),
    ],
    statement: apply,
    signature: signApply,
  }),
  generated({
    procedureId: "kodomo-iryo.update",
    title: "子ども医療費助成 住所変更届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("変更の内容", addressChange()),
      members("受給者（子ども）", [name, kana, birth], 6),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "kodomo-iryo.withdraw",
    title: "子ども医療費助成 資格喪失届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("資格喪失の内容", loss()),
      members("受給者（子ども）", [name, kana, birth], 6),
      filer(),
      note("※ 子ども医療費受給者証をお返しください。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "jido-fuyo.update",
    title: "児童扶養手当 住所変更届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [boxes("変更の内容", addressChange()), members("受給者", [name, kana, birth], 2), filer()],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "jido-fuyo.claim",
    title: "児童扶養手当 認定請求書",
    addressee: "mayor",
    dateLabel: "請求日",
    sections: [
      members("請求者", [name, kana, birth, sex], 1, register.slice(0, 2)),
      boxes("支給要件", [
        ...eventDay("支給要件に該当した日", 4, ["divorce"]),
        { label: "支給要件", value: "父母が婚姻を解消した児童", span: 8 },
        { label: "対象となる児童", bind: "divorceChildren", span: 12 },
        { label: "住所", bind: "householdAddress", span: 12 },
      ]),
      bankAccount("振込先口座（請求者名義）"),
      filer("届出人（窓口に来た方）"),
      note(
        "※ 手当は請求した月の翌月分から支給されます。戸籍謄本（離婚の記載のあるもの）は、",
        "　 離婚届の受理後に職員が確認します。所得の状況などを別にお聞きします。",
      ),
    ],
    statement: "上記のとおり児童扶養手当の認定を請求します。",
    signature: sign,
  }),
  generated({
    procedureId: "jido-fuyo.amount-change",
    title: "児童扶養手当 額改定請求書",
    addressee: "mayor",
    dateLabel: "請求日",
    sections: [
      members("受給者", [name, kana, birth], 1),
      boxes("額改定の内容", [
        ...eventDay("額改定の事由が生じた日", 4, ["birth"]),
        { label: "事由", value: "対象児童の増（出生）", span: 8 },
        { label: "増えた児童の氏名", bind: "child.name", span: 5 },
        { label: "生年月日", bind: "child.birthDate", span: 4 },
        { label: "続柄", bind: "child.headRelation", span: 3 },
        { label: "住所", bind: "householdAddress", span: 12 },
      ]),
      filer("届出人（窓口に来た方）"),
    ],
    statement: "上記のとおり児童扶養手当の額の改定を請求します。",
    signature: sign,
  }),
  generated({
    procedureId: "jido-fuyo.terminate",
    title: "児童扶養手当 資格喪失届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("資格喪失の内容", [
        { label: "死亡日", bind: "deathDate", span: 4, events: ["death"] },
        ...eventDay("資格喪失の事由が生じた日", 4, ["marriage"]),
        { label: "世帯主", bind: "headName", span: 8 },
        { label: "住所", bind: "householdAddress", span: 12 },
        { label: "喪失の事由", bind: "eventLabel", span: 12 },
        {
          label: "ご注意",
          value: "婚姻の届出の前から同居（事実婚）していた方は、同居を始めた日に資格がなくなります",
          span: 12,
          events: ["marriage"],
        },
      ]),
      members("受給者", [name, kana, birth], 1),
      filer(),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "tokubetsu-jido-fuyo.update",
    title: "特別児童扶養手当 住所変更届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [boxes("変更の内容", addressChange()), members("対象者", [name, kana, birth], 2), filer()],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "hitorioya-iryo.enroll",
    title: "ひとり親家庭等医療費助成 受給資格認定申請書",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      boxes("申請の内容", [
        { label: "事由が生じた日（転入日）", bind: "movingDate", span: 5, events: ["move-in"] },
        ...eventDay("事由が生じた日", 5, ["divorce"]),
        { label: "住所", bind: "householdAddress", span: 7 },
      ]),
      members(
        "対象となる人",
        [name, kana, birth, sex, { label: "医療保険", bind: "insurance", width: 2.6 }],
        4,
      ),
      bankAccount("助成金の振込先口座"),
      filer("申請者"),
    ],
    statement: apply,
    signature: signApply,
  }),
  generated({
    procedureId: "hitorioya-iryo.update",
    title: "ひとり親家庭等医療費助成 住所変更届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [boxes("変更の内容", addressChange()), members("受給者", [name, kana, birth], 4), filer()],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "hitorioya-iryo.withdraw",
    title: "ひとり親家庭等医療費助成 資格喪失届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("資格喪失の内容", loss()),
      members("受給者", [name, kana, birth], 4),
      filer(),
      note("※ 受給者証をお返しください。"),
    ],
    statement: notify,
    signature: sign,
  }),
  generated({
    procedureId: "boshi.prenatal-vouchers",
    title: "妊婦健康診査受診票 交換申請書",
    addressee: "mayor",
    dateLabel: "申請日",
    sections: [
      boxes("申請の内容", [
        { label: "転入日", bind: "movingDate", span: 4 },
        { label: "電話番号", bind: "phone", span: 8 },
        { label: "住所", bind: "newAddress", span: 12 },
        { label: "前の住所", bind: "previousAddress", span: 12 },
      ]),
      members(
        "妊婦",
        [name, kana, birth, { label: "出産予定日", bind: "expectedDeliveryDate", width: 2.8 }],
        2,
      ),
      note("※ 前住所地の未使用の受診票と母子健康手帳をお持ちください。使用済みの回数分を除いて交換します。"),
    ],
    statement: apply,
    signature: signApply,
  }),

  // ── 就学 ───────────────────────────────────────────────────────────────────────────────────────
  generated({
    procedureId: "gakko.transfer-in",
    title: "転入学届",
    subtitle: "入学通知書 交付申請",
    addressee: "board",
    dateLabel: "届出日",
    sections: [
      boxes("転入の内容", [
        { label: "転入日", bind: "movingDate", span: 4 },
        { label: "保護者", bind: "applicant", span: 4 },
        { label: "電話番号", bind: "phone", span: 4 },
        { label: "住所", bind: "newAddress", span: 12 },
      ]),
      members(
        "児童・生徒",
        [
          name,
          kana,
          birth,
          sex,
          { label: "学年", bind: "grade", width: 1.5 },
          { label: "前に通っていた学校", bind: "previousSchool", width: 3.4 },
        ],
        5,
      ),
      note("※ 入学通知書を持って、指定の学校に転入学の手続きをしてください。"),
    ],
    statement: notify,
    signature: { label: "保護者 署名" },
  }),
  generated({
    procedureId: "gakko.transfer",
    title: "転校届",
    subtitle: "通学区域の変更",
    addressee: "board",
    dateLabel: "届出日",
    sections: [
      boxes("転居の内容", [
        { label: "転居日", bind: "movingDate", span: 4 },
        { label: "保護者", bind: "applicant", span: 4 },
        { label: "電話番号", bind: "phone", span: 4 },
        { label: "新しい住所", bind: "newAddress", span: 12 },
        { label: "前の住所", bind: "previousAddress", span: 12 },
      ]),
      members(
        "児童・生徒",
        [
          name,
          kana,
          birth,
          sex,
          { label: "学年", bind: "grade", width: 1.5 },
          { label: "今通っている学校", bind: "previousSchool", width: 3.4 },
        ],
        5,
      ),
    ],
    statement: notify,
    signature: { label: "保護者 署名" },
  }),

  // ── 税・車両・資産 ─────────────────────────────────────────────────────────────────────────────
  generated({
    procedureId: "keiji.moped",
    title: "原動機付自転車 申告書",
    subtitle: "登録・廃車・住所変更",
    addressee: "mayor",
    dateLabel: "申告日",
    sections: [
      boxes("申告の内容", [
        { label: "申告の区分", value: "登録（転入）", span: 4, events: ["move-in"] },
        { label: "申告の区分", value: "住所変更", span: 4, events: within },
        { label: "申告の区分", value: "廃車（転出）", span: 4, events: ["move-out"] },
        { label: "異動日", bind: "movingDate", span: 4 },
        { label: "電話番号", bind: "phone", span: 4 },
        { label: "住所", bind: "householdAddress", span: 12 },
      ]),
      members(
        "所有者と車両",
        [
          name,
          birth,
          { label: "車台番号", bind: "mopedFrameNumber", width: 2.8, events: ["move-in"] },
          { label: "総排気量（cc）", bind: "mopedDisplacement", width: 1.6, events: ["move-in"] },
          { label: "標識番号", bind: "mopedPlateNumber", width: 2.8, events: [...within, "move-out"] },
        ],
        3,
      ),
      note("※ 登録では前住所地の廃車申告受付書を、廃車ではナンバープレートを確認します。"),
    ],
    statement: "上記のとおり申告します。",
    signature: { label: "申告者 署名" },
  }),
  generated({
    procedureId: "zei.heir-representative",
    title: "相続人代表者指定届",
    subtitle: "固定資産税",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      members("被相続人（亡くなった方）", [name, kana, birth], 1),
      boxes("相続人代表者", [
        { label: "死亡日", bind: "deathDate", span: 4 },
        { label: "相続人代表者の氏名", bind: "heirName", span: 5 },
        { label: "続柄", bind: "heirRelation", span: 3 },
        { label: "相続人代表者の住所", bind: "heirAddress", span: 8 },
        { label: "電話番号", bind: "phone", span: 4 },
      ]),
      filer(),
      note("※ 相続人代表者には、固定資産税の納税通知書などの書類をお送りします。"),
    ],
    statement: notify,
    signature: sign,
  }),
];

/**
 * The form of a procedure that has no template of its own — a municipality's local procedure: its
 * name as the title, the members concerned, the filer and the signature.
 */
export function genericTemplate(procedureId: string, title: string): FormTemplate {
  const [template] = parseTemplates(
    [
      generated({
        procedureId: /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(procedureId) ? procedureId : "local.procedure",
        title,
        addressee: "mayor",
        dateLabel: "届出日",
        sections: [members("対象となる人", person, 6), filer()],
        statement: notify,
        signature: sign,
      }),
    ],
    procedureId,
  );
  return template as FormTemplate;
}

/** Every default template, checked against its schema when this module loads. */
export const formTemplates: readonly FormTemplate[] = parseTemplates(data, "src/forms/templates.ts");

export const defaultTemplates: ReadonlyMap<string, FormTemplate> = new Map(
  formTemplates.map((t) => [t.procedureId, t]),
);
