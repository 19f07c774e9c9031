import type { FormTemplateInput } from "./form-template.schema";

/**
 * The 戸籍 届書 of phase 2 — 出生届, 婚姻届, 離婚届 and 離婚の際に称していた氏を称する届 — as data, item by
 * item in the order of the national standard forms (法務省 民事局長通達「戸籍届書の標準様式」):
 *
 * - 出生届・婚姻届: the standard forms of the 全部改正 of 2021-09-01 (押印は任意), as revised for
 *   氏名の振り仮名 (戸籍法 改正, in force 2025-05-26: the よみかた is now what the 戸籍 records) and,
 *   for the 出生届, for the 嫡出推定 rules in force 2024-04-01;
 * - 離婚届: the form in force 2026-04-01 (民法等の一部を改正する法律 令和6年法律第33号: 父母双方が親権を
 *   行う子, the children whose 親権者 a court is asked to decide, each parent's check that the agreement
 *   is their true will, and the arrangements on 養育費 and 親子交流);
 * - 離婚の際に称していた氏を称する届 (戸籍法 §77の2): the standard form, one sheet without witnesses.
 *
 * Each form is an A3 sheet: the left half is the 届書, filled here; the right half is what only others
 * may write (the 出生証明書 of the doctor or midwife, the two 証人), printed blank and marked as
 * theirs (`counterpart`). The municipality's `kosekiPaper` setting prints the sheet on A3 or on two
 * A4 pages. 父母の職業 is asked only in a census year (the next: 2030-04 to 2031-03), so its box is
 * left for then.
 */

type Box = { label: string; bind?: string; value?: string; span: number; height?: number };

/** Rows of these forms are lower than the generic form's: the A3 half holds many items. */
const low = 23;
const boxes = (heading: string, list: Box[]) => ({
  type: "boxes" as const,
  heading,
  boxes: list.map((b) => ({ height: low, ...b })),
});
const note = (...lines: string[]) => ({ type: "note" as const, lines });

const census = "職業（国勢調査の年の4月1日から翌年3月31日までに届け出るときだけ書いてください）";
const notify = "上記のとおり届け出ます。";

/** 夫（になる人）と妻（になる人）の同じ項目を左右に並べる。 */
const pair = (
  label: string,
  field: string,
  options: { span?: number; height?: number; roles?: [string, string] } = {},
): Box[] => {
  const [h, w] = options.roles ?? ["夫", "妻"];
  const span = options.span ?? 6;
  const height = options.height ?? low;
  return [
    { label: `${label}（${h}）`, bind: `husband.${field}`, span, height },
    { label: `${label}（${w}）`, bind: `wife.${field}`, span, height },
  ];
};

/** 父母の氏名・父母との続き柄, for each partner. */
const parents = (roles: [string, string]): Box[] =>
  (["husband", "wife"] as const).flatMap((who, i) => [
    { label: `${roles[i]}の父の氏名`, bind: `${who}.fatherName`, span: 3 },
    { label: "母の氏名", bind: `${who}.motherName`, span: 2 },
    { label: "続き柄", bind: `${who}.parentRelation`, span: 1 },
  ]);

/** The 証人欄 of a 婚姻届 or 協議離婚届: two adults who sign in their own hand. */
const witnesses = (when: string) => ({
  title: "証人",
  mark: "証人が記入する欄（窓口では記入しません）",
  sections: [
    boxes("証人（18歳以上の方2人がそれぞれ自署します）", [
      { label: "証人1　署名", span: 6, height: 44 },
      { label: "証人2　署名", span: 6, height: 44 },
      { label: "生年月日", span: 6, height: 30 },
      { label: "生年月日", span: 6, height: 30 },
      { label: "住所", span: 6, height: 54 },
      { label: "住所", span: 6, height: 54 },
      { label: "本籍", span: 6, height: 54 },
      { label: "本籍", span: 6, height: 54 },
    ]),
    note(when, "※ 証人の欄は、届出人や窓口の職員ではなく、証人ご本人が書きます。"),
  ],
});

export const kosekiTemplates: FormTemplateInput[] = [
  {
    procedureId: "koseki.birth",
    version: 1,
    kind: "generated",
    title: "出生届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("生まれた子", [
        { label: "(1) 子の氏名", bind: "child.name", span: 5 },
        { label: "よみかた（氏名の振り仮名）", bind: "child.kana", span: 4 },
        { label: "父母との続き柄", bind: "legitimacy", span: 2 },
        { label: "続き柄", bind: "childOrder", span: 1 },
        { label: "(2) 生まれたとき", bind: "eventDate", span: 4 },
        { label: "時刻", bind: "birthTime", span: 3 },
        { label: "男女の別", bind: "child.sex", span: 1 },
        { label: "(3) 生まれたところ", bind: "birthPlace", span: 4 },
        { label: "(4) 住所（住民登録をするところ）", bind: "householdAddress", span: 7 },
        { label: "世帯主の氏名", bind: "headName", span: 3 },
        { label: "世帯主との続き柄", bind: "child.headRelation", span: 2 },
      ]),
      boxes("生まれた子の父と母", [
        { label: "(5) 父の氏名", bind: "father.name", span: 4 },
        { label: "父の生年月日", bind: "father.birthDate", span: 5 },
        { label: "子が生まれたときの年齢", bind: "father.age", span: 3 },
        { label: "母の氏名", bind: "mother.name", span: 4 },
        { label: "母の生年月日", bind: "mother.birthDate", span: 5 },
        { label: "子が生まれたときの年齢", bind: "mother.age", span: 3 },
        { label: "(6) 本籍（外国人のときは国籍だけを書いてください）", bind: "parent.honseki", span: 8 },
        { label: "筆頭者の氏名", bind: "parent.hittousha", span: 4 },
        { label: "(7) 同居を始めたとき", bind: "cohabitationDate", span: 4 },
        { label: "(8) 子が生まれたときの世帯のおもな仕事", bind: "householdWork", span: 8, height: 30 },
        { label: `(9) 父母の${census}`, span: 12 },
        { label: "その他", span: 12 },
      ]),
      boxes("届出人", [
        { label: "届出人の資格（1 父　2 母　3 同居者 …）", bind: "birthFilerCapacity", span: 4 },
        { label: "届出人の住所", bind: "applicant.address", span: 8 },
        { label: "届出人の本籍", bind: "applicant.honseki", span: 6 },
        { label: "筆頭者の氏名", bind: "applicant.hittousha", span: 3 },
        { label: "届出人の生年月日", bind: "applicant.birthDate", span: 3 },
        { label: "届出人の氏名", bind: "applicant", span: 6 },
        { label: "連絡先（電話）", bind: "phone", span: 6 },
      ]),
      note(
        "※ 右の出生証明書は、出産に立ち会った医師・助産師などが記入します。母子健康手帳をお持ちください。",
      ),
    ],
    statement: notify,
    signature: { label: "届出人 署名" },
    counterpart: {
      title: "出生証明書",
      mark: "医師・助産師が記入する欄（窓口では記入しません）",
      sections: [
        boxes("出生証明書", [
          { label: "子の氏名", span: 8, height: 30 },
          { label: "男女の別（1 男　2 女）", span: 4, height: 30 },
          { label: "生まれたとき（令和　年　月　日　午前・午後　時　分）", span: 12, height: 30 },
          {
            label: "出生したところの種別（1 病院　2 診療所　3 助産所　4 自宅　5 その他）",
            span: 12,
            height: 30,
          },
          { label: "出生したところ", span: 12, height: 34 },
          { label: "施設の名称", span: 12, height: 30 },
          { label: "体重（グラム）", span: 6, height: 30 },
          { label: "身長（センチメートル）", span: 6, height: 30 },
          { label: "単胎・多胎の別（1 単胎　2 多胎（　子中第　子））", span: 12, height: 30 },
          { label: "母の氏名", span: 8, height: 30 },
          { label: "妊娠週数（満　週　日）", span: 4, height: 30 },
          {
            label: "母の出産した子の数（出生子　人・死産児　胎、この出生子及び出生後死亡した子を含む）",
            span: 12,
            height: 30,
          },
          { label: "証明者（1 医師　2 助産師　3 その他）", span: 12, height: 30 },
          { label: "上記のとおり証明する（令和　年　月　日）", span: 12, height: 30 },
          { label: "証明者の住所", span: 12, height: 36 },
          { label: "証明者の氏名", span: 12, height: 40 },
        ]),
      ],
    },
  },
  {
    procedureId: "koseki.marriage",
    version: 1,
    kind: "generated",
    title: "婚姻届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("(1)〜(4) 夫になる人・妻になる人", [
        ...pair("氏名", "name", { roles: ["夫になる人", "妻になる人"] }),
        ...pair("よみかた", "kana"),
        ...pair("生年月日", "birthDate"),
        ...pair("(2) 住所", "address"),
        { label: "世帯主の氏名（夫）", bind: "headName", span: 6 },
        { label: "世帯主の氏名（妻）", bind: "headName", span: 6 },
        ...pair("(3) 本籍", "honseki"),
        ...pair("筆頭者の氏名", "hittousha"),
        ...parents(["(4) 夫", "妻"]),
      ]),
      boxes("(5)〜(9) 婚姻について", [
        { label: "(5) 婚姻後の夫婦の氏", bind: "marriageSurname", span: 3 },
        {
          label: "新しい本籍（左の氏の人がすでに戸籍の筆頭者のときは書かない）",
          bind: "newHonseki",
          span: 6,
        },
        { label: "新しい戸籍の筆頭者", bind: "newHittousha", span: 3 },
        { label: "(6) 同居を始めたとき", bind: "cohabitationDate", span: 4 },
        { label: "(7) 初婚・再婚の別（夫）", bind: "husband.marriageHistory", span: 4 },
        { label: "初婚・再婚の別（妻）", bind: "wife.marriageHistory", span: 4 },
        ...pair("(8) 同居を始める前の世帯のおもな仕事", "householdWorkBefore", { height: 30 }),
        { label: `(9) 夫妻の${census}`, span: 12 },
        { label: "その他", span: 12 },
        { label: "連絡先（電話）", bind: "phone", span: 12 },
      ]),
      note("※ 届出人は夫になる人と妻になる人のふたりです。それぞれが下の欄に署名します（押印は任意）。"),
    ],
    statement: "上記のとおり婚姻を届け出ます。",
    signature: { label: "届出人 署名（夫になる人）", party: "husband" },
    cosignature: { label: "届出人 署名（妻になる人）", party: "wife" },
    counterpart: witnesses("※ 婚姻届には、成年の証人2人の署名が必要です。"),
  },
  {
    procedureId: "koseki.divorce",
    version: 1,
    kind: "generated",
    title: "離婚届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      boxes("(1)〜(3) 夫・妻", [
        ...pair("氏名", "name"),
        ...pair("よみかた", "kana"),
        ...pair("生年月日", "birthDate"),
        ...pair("住所", "address"),
        { label: "世帯主の氏名（夫）", bind: "headName", span: 6 },
        { label: "世帯主の氏名（妻）", bind: "headName", span: 6 },
        { label: "(2) 本籍", bind: "husband.honseki", span: 8 },
        { label: "筆頭者の氏名", bind: "husband.hittousha", span: 4 },
        ...parents(["(3) 夫", "妻"]),
      ]),
      boxes("(4)〜(6) 離婚について", [
        { label: "(4) 離婚の種別", bind: "divorceKind", span: 6 },
        { label: "(5) 婚姻前の氏にもどる者", bind: "returningPartner", span: 2 },
        { label: "もどる戸籍", bind: "divorceRegister", span: 4 },
        { label: "離婚後の本籍", bind: "divorceHonseki", span: 8 },
        { label: "筆頭者の氏名", bind: "divorceHittousha", span: 4 },
        { label: "(6) 未成年の子の氏名　夫が親権を行う子", bind: "custodyHusbandChildren", span: 6 },
        { label: "妻が親権を行う子", bind: "custodyWifeChildren", span: 6 },
        { label: "父母双方が親権を行う子", bind: "custodyJointChildren", span: 6 },
        { label: "親権者の指定を求める家事審判又は家事調停の申立てがされている子", span: 6 },
        {
          label:
            "親権者の定めについて、その意味を理解し、真意に基づいて合意しました（夫・妻がそれぞれレ印をつけます）",
          span: 12,
        },
        { label: "養育費の分担の取決め", bind: "childSupportAgreement", span: 6 },
        { label: "親子交流の取決め", bind: "visitationAgreement", span: 6 },
      ]),
      boxes("(7)〜(10) 同居と別居", [
        { label: "(7) 同居を始めたとき", bind: "cohabitationDate", span: 4 },
        { label: "別居したとき", bind: "separationDate", span: 4 },
        { label: "連絡先（電話）", bind: "phone", span: 4 },
        { label: "(8) 別居する前の住所", bind: "householdAddress", span: 12 },
        { label: "(9) 別居する前の世帯のおもな仕事", bind: "householdWork", span: 12, height: 30 },
        { label: `(10) 夫妻の${census}`, span: 12 },
        { label: "その他", span: 12 },
      ]),
    ],
    statement: "上記のとおり離婚を届け出ます。",
    signature: { label: "届出人 署名（夫）", party: "husband" },
    cosignature: { label: "届出人 署名（妻）", party: "wife" },
    counterpart: witnesses(
      "※ 証人は協議離婚のときだけ必要です（調停・審判・和解・認諾・判決による離婚では不要）。",
    ),
  },
  {
    procedureId: "koseki.keep-surname",
    version: 1,
    kind: "generated",
    title: "離婚の際に称していた氏を称する届",
    subtitle: "戸籍法77条の2の届",
    addressee: "mayor",
    dateLabel: "届出日",
    sections: [
      {
        type: "members",
        heading: "(1) 離婚の際に称していた氏を称する人",
        rows: 1,
        columns: [
          { label: "氏名", bind: "name", width: 3.2 },
          { label: "よみかた", bind: "kana", width: 3.2 },
          { label: "生年月日", bind: "birthDate", width: 2.8 },
        ],
        detail: [
          { label: "本籍（現在の戸籍）", bind: "honseki", width: 6 },
          { label: "筆頭者の氏名", bind: "hittousha", width: 3.2 },
        ],
      },
      boxes("届出の内容", [
        { label: "(2) 住所", bind: "householdAddress", span: 8, height: 30 },
        { label: "世帯主の氏名", bind: "headName", span: 4, height: 30 },
        { label: "(3) 氏　変更前（婚姻前の氏）", bind: "subject.previousSurname", span: 4, height: 30 },
        { label: "変更後（離婚の際に称していた氏）", bind: "subject.surname", span: 4, height: 30 },
        { label: "(4) 離婚年月日", bind: "eventDate", span: 4, height: 30 },
        {
          label: "(5) 離婚の際に称していた氏を称した後の本籍",
          bind: "keepSurnameHonseki",
          span: 12,
          height: 30,
        },
        { label: "その他", span: 12, height: 30 },
        { label: "連絡先（電話）", bind: "phone", span: 12, height: 30 },
      ]),
      note("※ 離婚の日から3か月以内に届け出ます。届出人は、離婚の際に称していた氏を称するご本人です。"),
    ],
    statement: notify,
    signature: { label: "届出人 署名", party: "subject" },
  },
];
