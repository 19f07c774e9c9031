/**
 * The shape of Kumamoto City's population, for the synthetic registry: the age pyramid (share of the
 * population by five-year band, after the 2020 census, total ≈ 739,000), the five wards with real 町名,
 * and common surnames and given names. Rare and variant kanji appear at about the rate municipal
 * registers show them: each variant is listed with the share of its surname that is registered in it.
 */

/** Per cent of the population in each five-year band from 0–4 to 95–99, then 100+. */
export const agePyramid: readonly number[] = [
  4.4, 4.6, 4.6, 4.7, 5.5, 5.2, 5.4, 5.9, 6.4, 7.2, 6.4, 5.8, 5.9, 6.9, 6.5, 4.6, 3.8, 2.7, 1.3, 0.4, 0.05,
];

export interface WardTowns {
  ward: string;
  /** Share of the city's population. */
  share: number;
  /** 町名 with 丁目 (addressed 〇丁目〇番〇号). */
  chome: readonly string[];
  /** 町名 addressed by 番地 only. */
  banchi: readonly string[];
}

export const kumamotoWards: readonly WardTowns[] = [
  {
    ward: "中央区",
    share: 0.25,
    chome: [
      "水前寺",
      "大江",
      "新屋敷",
      "九品寺",
      "本荘",
      "帯山",
      "黒髪",
      "京町",
      "出水",
      "国府",
      "神水",
      "渡鹿",
      "白山",
      "坪井",
      "新町",
    ],
    banchi: ["薬園町", "内坪井町", "手取本町", "南坪井町"],
  },
  {
    ward: "東区",
    share: 0.26,
    chome: [
      "健軍",
      "長嶺南",
      "長嶺東",
      "月出",
      "花立",
      "東町",
      "若葉",
      "尾ノ上",
      "新南部",
      "戸島",
      "秋津",
      "保田窪",
      "佐土原",
    ],
    banchi: ["画図町下無田", "戸島町", "小山町", "秋津町秋田"],
  },
  {
    ward: "西区",
    share: 0.13,
    chome: ["春日", "島崎", "花園", "上熊本", "横手", "池田", "城山", "田崎", "二本木", "小島", "蓮台寺"],
    banchi: ["河内町船津", "中島町", "松尾町近津", "池上町"],
  },
  {
    ward: "南区",
    share: 0.18,
    chome: ["田井島", "近見", "平成", "野田", "南高江", "江越", "迎町", "刈草", "出仲間", "良町", "御幸笛田"],
    banchi: ["城南町宮地", "城南町隈庄", "富合町清藤", "富合町杉島", "川尻"],
  },
  {
    ward: "北区",
    share: 0.18,
    chome: ["武蔵ヶ丘", "清水本町", "楠", "八景水谷", "龍田", "高平", "室園", "麻生田", "兎谷", "飛田"],
    banchi: ["植木町岩野", "植木町一木", "四方寄町", "梶尾町", "北部町"],
  },
];

export interface Surname {
  name: string;
  kana: string;
  weight: number;
  /** Registered variant forms and the share of the surname's holders registered in each. */
  variants?: ReadonlyArray<readonly [string, number]>;
}

// Weights follow the surname ranking in Kumamoto Prefecture (田中, 中村, 松本, 村上, 山本 lead).
// 葛󠄀 carries an ideographic variation selector (U+E0100): the register keeps the glyph it names.
export const surnames: readonly Surname[] = [
  { name: "田中", kana: "タナカ", weight: 30 },
  { name: "中村", kana: "ナカムラ", weight: 28 },
  { name: "松本", kana: "マツモト", weight: 22 },
  { name: "村上", kana: "ムラカミ", weight: 18 },
  { name: "山本", kana: "ヤマモト", weight: 18 },
  { name: "井上", kana: "イノウエ", weight: 16 },
  { name: "坂本", kana: "サカモト", weight: 16 },
  { name: "吉田", kana: "ヨシダ", weight: 15, variants: [["𠮷田", 0.02]] },
  { name: "緒方", kana: "オガタ", weight: 14 },
  { name: "福田", kana: "フクダ", weight: 13 },
  { name: "山口", kana: "ヤマグチ", weight: 13 },
  { name: "宮本", kana: "ミヤモト", weight: 12 },
  { name: "西村", kana: "ニシムラ", weight: 12 },
  { name: "前田", kana: "マエダ", weight: 12 },
  { name: "池田", kana: "イケダ", weight: 11 },
  { name: "林", kana: "ハヤシ", weight: 11 },
  { name: "森", kana: "モリ", weight: 11 },
  { name: "木村", kana: "キムラ", weight: 10 },
  { name: "古閑", kana: "コガ", weight: 9 },
  { name: "上田", kana: "ウエダ", weight: 9 },
  { name: "藤本", kana: "フジモト", weight: 9 },
  { name: "岩下", kana: "イワシタ", weight: 8 },
  { name: "高橋", kana: "タカハシ", weight: 10, variants: [["髙橋", 0.12]] },
  { name: "山崎", kana: "ヤマサキ", weight: 9, variants: [["山﨑", 0.15]] },
  { name: "宮崎", kana: "ミヤザキ", weight: 8, variants: [["宮﨑", 0.15]] },
  { name: "岩崎", kana: "イワサキ", weight: 6, variants: [["岩﨑", 0.12]] },
  {
    name: "渡辺",
    kana: "ワタナベ",
    weight: 9,
    variants: [
      ["渡邉", 0.15],
      ["渡邊", 0.1],
    ],
  },
  {
    name: "斎藤",
    kana: "サイトウ",
    weight: 5,
    variants: [
      ["齋藤", 0.15],
      ["齊藤", 0.08],
    ],
  },
  { name: "斉藤", kana: "サイトウ", weight: 4 },
  { name: "吉村", kana: "ヨシムラ", weight: 7, variants: [["𠮷村", 0.02]] },
  {
    name: "浜田",
    kana: "ハマダ",
    weight: 6,
    variants: [
      ["濵田", 0.05],
      ["濱田", 0.15],
    ],
  },
  { name: "沢田", kana: "サワダ", weight: 4, variants: [["澤田", 0.3]] },
  { name: "桜井", kana: "サクライ", weight: 3, variants: [["櫻井", 0.1]] },
  { name: "広田", kana: "ヒロタ", weight: 4, variants: [["廣田", 0.15]] },
  { name: "島田", kana: "シマダ", weight: 5, variants: [["嶋田", 0.2]] },
  { name: "徳永", kana: "トクナガ", weight: 7, variants: [["德永", 0.05]] },
  { name: "瀬戸", kana: "セト", weight: 3, variants: [["瀨戸", 0.05]] },
  { name: "国武", kana: "クニタケ", weight: 3, variants: [["國武", 0.1]] },
  { name: "葛西", kana: "カサイ", weight: 1, variants: [["葛\u{E0100}西", 0.3]] },
  { name: "冨田", kana: "トミタ", weight: 3 },
  { name: "富田", kana: "トミタ", weight: 4 },
  { name: "荒木", kana: "アラキ", weight: 8 },
  { name: "松田", kana: "マツダ", weight: 8 },
  { name: "岩永", kana: "イワナガ", weight: 5 },
  { name: "園田", kana: "ソノダ", weight: 6 },
  { name: "本田", kana: "ホンダ", weight: 7 },
  { name: "西田", kana: "ニシダ", weight: 6 },
  { name: "永田", kana: "ナガタ", weight: 6 },
  { name: "原田", kana: "ハラダ", weight: 6 },
  { name: "光永", kana: "ミツナガ", weight: 3 },
  { name: "清田", kana: "キヨタ", weight: 3 },
  { name: "米村", kana: "ヨネムラ", weight: 3 },
  { name: "坂田", kana: "サカタ", weight: 4 },
  { name: "佐藤", kana: "サトウ", weight: 9 },
  { name: "鈴木", kana: "スズキ", weight: 4 },
  { name: "伊藤", kana: "イトウ", weight: 5 },
  { name: "小山", kana: "コヤマ", weight: 4 },
  { name: "野田", kana: "ノダ", weight: 4 },
  { name: "内田", kana: "ウチダ", weight: 6 },
  { name: "橋本", kana: "ハシモト", weight: 7 },
  { name: "竹下", kana: "タケシタ", weight: 4 },
  { name: "平野", kana: "ヒラノ", weight: 4 },
  { name: "宮川", kana: "ミヤガワ", weight: 3 },
  { name: "河野", kana: "カワノ", weight: 4 },
  { name: "甲斐", kana: "カイ", weight: 4 },
  { name: "牛島", kana: "ウシジマ", weight: 4 },
  { name: "東", kana: "ヒガシ", weight: 3 },
  { name: "今村", kana: "イマムラ", weight: 5 },
  { name: "北岡", kana: "キタオカ", weight: 2 },
  { name: "塚本", kana: "ツカモト", weight: 3 },
  { name: "長野", kana: "ナガノ", weight: 4 },
  { name: "中島", kana: "ナカシマ", weight: 6, variants: [["中嶋", 0.15]] },
  { name: "川上", kana: "カワカミ", weight: 4 },
];

/** Given names by the decade band they were common in: [name, kana]. */
type GivenList = ReadonlyArray<readonly [string, string]>;

export const givenNames: Record<"male" | "female", ReadonlyArray<{ bornFrom: number; names: GivenList }>> = {
  male: [
    {
      bornFrom: 0,
      names: [
        ["清", "キヨシ"],
        ["正", "タダシ"],
        ["勇", "イサム"],
        ["茂", "シゲル"],
        ["博", "ヒロシ"],
        ["實", "ミノル"],
        ["一郎", "イチロウ"],
        ["正雄", "マサオ"],
        ["德次", "トクジ"],
      ],
    },
    {
      bornFrom: 1950,
      names: [
        ["誠", "マコト"],
        ["浩", "ヒロシ"],
        ["健一", "ケンイチ"],
        ["修", "オサム"],
        ["隆", "タカシ"],
        ["和也", "カズヤ"],
        ["直樹", "ナオキ"],
        ["哲也", "テツヤ"],
        ["眞一", "シンイチ"],
      ],
    },
    {
      bornFrom: 1980,
      names: [
        ["大輔", "ダイスケ"],
        ["拓也", "タクヤ"],
        ["翔太", "ショウタ"],
        ["健太", "ケンタ"],
        ["達也", "タツヤ"],
        ["亮", "リョウ"],
        ["大樹", "ダイキ"],
        ["翼", "ツバサ"],
      ],
    },
    {
      bornFrom: 2000,
      names: [
        ["蓮", "レン"],
        ["陽翔", "ハルト"],
        ["湊", "ミナト"],
        ["悠真", "ユウマ"],
        ["大和", "ヤマト"],
        ["颯太", "ソウタ"],
        ["樹", "イツキ"],
        ["陸", "リク"],
        ["蒼", "アオイ"],
      ],
    },
  ],
  female: [
    {
      bornFrom: 0,
      names: [
        ["和子", "カズコ"],
        ["幸子", "サチコ"],
        ["節子", "セツコ"],
        ["久子", "ヒサコ"],
        ["キヨ", "キヨ"],
        ["トミ", "トミ"],
        ["ミツ子", "ミツコ"],
        ["惠子", "ケイコ"],
      ],
    },
    {
      bornFrom: 1950,
      names: [
        ["恵子", "ケイコ"],
        ["由美子", "ユミコ"],
        ["裕子", "ユウコ"],
        ["真由美", "マユミ"],
        ["久美子", "クミコ"],
        ["智子", "トモコ"],
        ["直美", "ナオミ"],
        ["洋子", "ヨウコ"],
      ],
    },
    {
      bornFrom: 1980,
      names: [
        ["愛", "アイ"],
        ["彩", "アヤ"],
        ["舞", "マイ"],
        ["美穂", "ミホ"],
        ["沙織", "サオリ"],
        ["麻衣", "マイ"],
        ["優子", "ユウコ"],
        ["さくら", "サクラ"],
      ],
    },
    {
      bornFrom: 2000,
      names: [
        ["陽葵", "ヒマリ"],
        ["結衣", "ユイ"],
        ["凛", "リン"],
        ["芽依", "メイ"],
        ["さくら", "サクラ"],
        ["紬", "ツムギ"],
        ["結菜", "ユイナ"],
        ["葵", "アオイ"],
        ["ひな", "ヒナ"],
      ],
    },
  ],
};

/** Residents of foreign nationality (about 1.3% in Kumamoto City) are registered in Latin letters. */
export const foreignNames: ReadonlyArray<readonly [string, string, string, string]> = [
  ["NGUYEN", "グエン", "VAN AN", "ヴァン アン"],
  ["TRAN", "チャン", "THI MAI", "ティ マイ"],
  ["LI", "リ", "WEI", "ウェイ"],
  ["WANG", "ワン", "FANG", "ファン"],
  ["SANTOS", "サントス", "MARIA", "マリア"],
  ["KIM", "キム", "MINJUN", "ミンジュン"],
  ["SMITH", "スミス", "JOHN", "ジョン"],
  ["PHAM", "ファム", "DUC MINH", "ドゥック ミン"],
];
