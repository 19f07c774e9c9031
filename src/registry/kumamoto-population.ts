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
  /** Each town's 郵便番号 (Japan Post's table; the town's own code, not a large office's). */
  postalCodes: Readonly<Record<string, string>>;
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
    postalCodes: {
      水前寺: "862-0950",
      大江: "862-0971",
      新屋敷: "862-0975",
      九品寺: "862-0976",
      本荘: "860-0811",
      帯山: "862-0924",
      黒髪: "860-0862",
      京町: "860-0078",
      出水: "862-0941",
      国府: "862-0949",
      神水: "862-0954",
      渡鹿: "862-0970",
      白山: "862-0959",
      坪井: "860-0863",
      新町: "860-0004",
      薬園町: "860-0852",
      内坪井町: "860-0077",
      手取本町: "860-0808",
      南坪井町: "860-0848",
    },
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
      "錦ケ丘",
      "尾ノ上",
      "新南部",
      "戸島",
      "秋津",
      "保田窪",
      "佐土原",
    ],
    banchi: ["画図町下無田", "戸島町", "小山町", "秋津町秋田"],
    postalCodes: {
      健軍: "862-0911",
      長嶺南: "861-8039",
      長嶺東: "861-8038",
      月出: "862-0920",
      花立: "861-2118",
      東町: "862-0901",
      錦ケ丘: "862-0912",
      尾ノ上: "862-0913",
      新南部: "861-8028",
      戸島: "861-8041",
      秋津: "861-2104",
      保田窪: "862-0926",
      佐土原: "862-0916",
      画図町下無田: "862-0945",
      戸島町: "861-8031",
      小山町: "861-8030",
      秋津町秋田: "861-2105",
    },
  },
  {
    ward: "西区",
    share: 0.13,
    chome: ["春日", "島崎", "花園", "上熊本", "横手", "池田", "城山下代", "田崎", "二本木", "小島", "蓮台寺"],
    banchi: ["河内町船津", "中島町", "松尾町近津", "池上町"],
    postalCodes: {
      春日: "860-0047",
      島崎: "860-0073",
      花園: "860-0072",
      上熊本: "860-0079",
      横手: "860-0046",
      池田: "860-0082",
      城山下代: "860-0066",
      田崎: "860-0053",
      二本木: "860-0051",
      小島: "861-5287",
      蓮台寺: "860-0055",
      河内町船津: "861-5347",
      中島町: "861-5272",
      松尾町近津: "861-5281",
      池上町: "860-0048",
    },
  },
  {
    ward: "南区",
    share: 0.18,
    chome: ["田井島", "近見", "平成", "野田", "南高江", "江越", "田迎", "刈草", "出仲間", "良町", "御幸笛田"],
    banchi: ["城南町宮地", "城南町隈庄", "富合町清藤", "富合町杉島", "川尻"],
    postalCodes: {
      田井島: "862-0965",
      近見: "861-4101",
      平成: "860-0833",
      野田: "861-4114",
      南高江: "861-4106",
      江越: "860-0834",
      田迎: "862-0962",
      刈草: "861-4134",
      出仲間: "862-0963",
      良町: "862-0969",
      御幸笛田: "861-4172",
      城南町宮地: "861-4202",
      城南町隈庄: "861-4203",
      富合町清藤: "861-4151",
      富合町杉島: "861-4142",
      川尻: "861-4115",
    },
  },
  {
    ward: "北区",
    share: 0.18,
    chome: ["武蔵ケ丘", "清水本町", "楠", "八景水谷", "龍田", "高平", "麻生田", "兎谷", "飛田"],
    banchi: ["植木町岩野", "植木町一木", "四方寄町", "梶尾町", "鶴羽田町", "室園町"],
    postalCodes: {
      武蔵ケ丘: "861-8001",
      清水本町: "861-8074",
      楠: "861-8003",
      八景水谷: "861-8064",
      龍田: "861-8006",
      高平: "860-0085",
      麻生田: "861-8081",
      兎谷: "861-8082",
      飛田: "861-5514",
      植木町岩野: "861-0136",
      植木町一木: "861-0135",
      四方寄町: "861-5515",
      梶尾町: "861-5512",
      鶴羽田町: "861-5513",
      室園町: "861-8072",
    },
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

/**
 * Places a 本籍 is often registered at outside the city, as the 戸籍 writes them up to the number:
 * elsewhere in Kumamoto Prefecture first, then the rest of Kyushu and the large cities.
 */
export const honsekiPlaces: {
  readonly prefecture: readonly string[];
  readonly elsewhere: readonly string[];
} = {
  prefecture: [
    "熊本県八代市松江城町",
    "熊本県八代市鏡町内田",
    "熊本県天草市本渡町本渡",
    "熊本県天草市牛深町",
    "熊本県玉名市岩崎",
    "熊本県山鹿市山鹿",
    "熊本県人吉市麓町",
    "熊本県菊池市隈府",
    "熊本県宇城市松橋町松橋",
    "熊本県阿蘇市一の宮町宮地",
    "熊本県合志市竹迫",
    "熊本県荒尾市荒尾",
    "熊本県水俣市陣内一丁目",
    "熊本県宇土市新小路町",
    "熊本県上天草市大矢野町上",
    "熊本県菊池郡菊陽町大字津久礼",
    "熊本県上益城郡益城町大字宮園",
    "熊本県葦北郡芦北町大字芦北",
    "熊本県球磨郡あさぎり町免田東",
    "熊本県上益城郡山都町浜町",
  ],
  elsewhere: [
    "福岡県福岡市中央区天神一丁目",
    "福岡県福岡市博多区博多駅前二丁目",
    "福岡県北九州市小倉北区城内",
    "福岡県久留米市城南町",
    "福岡県大牟田市有明町二丁目",
    "鹿児島県鹿児島市山下町",
    "鹿児島県薩摩川内市神田町",
    "宮崎県宮崎市橘通東一丁目",
    "宮崎県延岡市東本小路",
    "大分県大分市荷揚町",
    "長崎県長崎市桜町",
    "長崎県佐世保市八幡町",
    "佐賀県佐賀市栄町",
    "山口県下関市南部町",
    "広島県広島市中区国泰寺町一丁目",
    "大阪府大阪市北区中之島一丁目",
    "兵庫県神戸市中央区加納町六丁目",
    "愛知県名古屋市中区三の丸三丁目",
    "東京都千代田区千代田",
    "東京都世田谷区世田谷四丁目",
    "北海道札幌市中央区北一条西二丁目",
    "沖縄県那覇市泉崎一丁目",
  ],
};

/** A name pool: [written, kana] pairs. Latin names are written in capitals, as the 在留カード has them. */
type Names = ReadonlyArray<readonly [string, string]>;

/** How a foreign resident lives here: alone (interns, students, workers), with family, or married to a Japanese national. */
export type ForeignHousehold = "single" | "family" | "spouse";

export interface ForeignNationality {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** Share of the city's foreign residents (per cent, after the city's statistics by nationality). */
  weight: number;
  /** Written in kanji (with an ideographic space) rather than Latin capitals. */
  kanji: boolean;
  /** A wife keeps her own family name (Vietnam, China, Korea, Taiwan). */
  ownFamilyName: boolean;
  family: Names;
  given: { male: Names; female: Names };
  /** 在留資格 with their weight and how the household lives. */
  statuses: ReadonlyArray<readonly [string, number, ForeignHousehold]>;
}

/**
 * Residents of foreign nationality, about 1.3% of Kumamoto City: Vietnam, China, the Philippines,
 * Korea, Nepal and Indonesia lead. The names use only JIS X 0208 kanji, so the Shift_JIS export holds them.
 */
export const foreignNationalities: readonly ForeignNationality[] = [
  {
    code: "VN",
    weight: 33,
    kanji: false,
    ownFamilyName: true,
    family: [
      ["NGUYEN", "グエン"],
      ["TRAN", "チャン"],
      ["LE", "レ"],
      ["PHAM", "ファム"],
      ["HOANG", "ホアン"],
      ["VU", "ヴー"],
      ["DANG", "ダン"],
      ["BUI", "ブイ"],
    ],
    given: {
      male: [
        ["VAN AN", "ヴァン アン"],
        ["DUC MINH", "ドゥック ミン"],
        ["VAN NAM", "ヴァン ナム"],
        ["QUANG HUY", "クアン フイ"],
        ["MINH TUAN", "ミン トゥアン"],
      ],
      female: [
        ["THI MAI", "ティ マイ"],
        ["THI HUONG", "ティ フオン"],
        ["THI LAN", "ティ ラン"],
        ["NGOC ANH", "ゴック アイン"],
        ["THU HA", "トゥ ハー"],
      ],
    },
    statuses: [
      ["技能実習", 40, "single"],
      ["特定技能1号", 25, "single"],
      ["留学", 15, "single"],
      ["技術・人文知識・国際業務", 10, "single"],
      ["技術・人文知識・国際業務", 5, "family"],
      ["永住者", 5, "family"],
    ],
  },
  {
    code: "CN",
    weight: 18,
    kanji: true,
    ownFamilyName: true,
    family: [
      ["王", "ワン"],
      ["李", "リ"],
      ["張", "チャン"],
      ["劉", "リュウ"],
      ["陳", "チン"],
      ["楊", "ヤン"],
      ["趙", "チョウ"],
      ["黄", "コウ"],
    ],
    given: {
      male: [
        ["偉", "ウェイ"],
        ["強", "チャン"],
        ["磊", "レイ"],
        ["軍", "ジュン"],
        ["浩", "ハオ"],
      ],
      female: [
        ["芳", "ファン"],
        ["静", "ジン"],
        ["麗", "リー"],
        ["敏", "ミン"],
        ["紅", "ホン"],
      ],
    },
    statuses: [
      ["留学", 25, "single"],
      ["永住者", 25, "family"],
      ["技術・人文知識・国際業務", 20, "single"],
      ["技能実習", 10, "single"],
      ["技術・人文知識・国際業務", 10, "family"],
      ["定住者", 5, "family"],
      ["日本人の配偶者等", 5, "spouse"],
    ],
  },
  {
    code: "PH",
    weight: 9,
    kanji: false,
    ownFamilyName: false,
    family: [
      ["SANTOS", "サントス"],
      ["REYES", "レイエス"],
      ["CRUZ", "クルス"],
      ["GARCIA", "ガルシア"],
      ["BAUTISTA", "バウティスタ"],
      ["RAMOS", "ラモス"],
    ],
    given: {
      male: [
        ["JOSE", "ホセ"],
        ["MARK", "マーク"],
        ["JOHN PAUL", "ジョン ポール"],
      ],
      female: [
        ["MARIA", "マリア"],
        ["ANNA", "アンナ"],
        ["JOCELYN", "ジョセリン"],
        ["MARICEL", "マリセル"],
      ],
    },
    statuses: [
      ["永住者", 30, "family"],
      ["日本人の配偶者等", 25, "spouse"],
      ["定住者", 15, "family"],
      ["技能実習", 15, "single"],
      ["特定技能1号", 15, "single"],
    ],
  },
  {
    code: "KR",
    weight: 8,
    kanji: true,
    ownFamilyName: true,
    family: [
      ["金", "キム"],
      ["李", "イ"],
      ["朴", "パク"],
      ["崔", "チェ"],
      ["鄭", "チョン"],
      ["姜", "カン"],
    ],
    given: {
      male: [
        ["英哲", "ヨンチョル"],
        ["成浩", "ソンホ"],
        ["民俊", "ミンジュン"],
        ["正雄", "チョンウン"],
      ],
      female: [
        ["美子", "ミジャ"],
        ["順子", "スンジャ"],
        ["恩恵", "ウネ"],
        ["知恩", "ジウン"],
      ],
    },
    statuses: [
      ["特別永住者", 45, "family"],
      ["永住者", 20, "family"],
      ["留学", 15, "single"],
      ["技術・人文知識・国際業務", 10, "single"],
      ["日本人の配偶者等", 10, "spouse"],
    ],
  },
  {
    code: "NP",
    weight: 8,
    kanji: false,
    ownFamilyName: false,
    family: [
      ["SHRESTHA", "シュレスタ"],
      ["GURUNG", "グルン"],
      ["TAMANG", "タマン"],
      ["RAI", "ライ"],
      ["THAPA", "タパ"],
      ["MAGAR", "マガル"],
    ],
    given: {
      male: [
        ["RAM", "ラム"],
        ["BIKASH", "ビカス"],
        ["SURESH", "スレス"],
        ["ANIL", "アニル"],
      ],
      female: [
        ["SITA", "シタ"],
        ["ANITA", "アニタ"],
        ["SABINA", "サビナ"],
        ["PRATIMA", "プラティマ"],
      ],
    },
    statuses: [
      ["留学", 45, "single"],
      ["技能", 25, "family"],
      ["技術・人文知識・国際業務", 15, "single"],
      ["特定技能1号", 15, "single"],
    ],
  },
  {
    code: "ID",
    weight: 8,
    kanji: false,
    ownFamilyName: false,
    family: [
      ["SAPUTRA", "サプトラ"],
      ["PRATAMA", "プラタマ"],
      ["WIBOWO", "ウィボウォ"],
      ["HIDAYAT", "ヒダヤット"],
      ["SETIAWAN", "セティアワン"],
    ],
    given: {
      male: [
        ["ADI", "アディ"],
        ["RIZKY", "リズキ"],
        ["BUDI", "ブディ"],
        ["AGUS", "アグス"],
      ],
      female: [
        ["SITI", "シティ"],
        ["DEWI", "デウィ"],
        ["PUTRI", "プトゥリ"],
        ["AYU", "アユ"],
      ],
    },
    statuses: [
      ["技能実習", 50, "single"],
      ["特定技能1号", 40, "single"],
      ["留学", 10, "single"],
    ],
  },
  {
    code: "MM",
    weight: 6,
    kanji: false,
    ownFamilyName: true,
    family: [
      ["AUNG", "アウン"],
      ["KYAW", "チョー"],
      ["THIN", "ティン"],
      ["ZAW", "ゾー"],
      ["HLA", "フラ"],
    ],
    given: {
      male: [
        ["MYO MIN", "ミョー ミン"],
        ["KO KO", "コー コー"],
        ["ZAW WIN", "ゾー ウィン"],
      ],
      female: [
        ["THIN THIN", "ティン ティン"],
        ["SU MYAT", "スー ミャッ"],
        ["HNIN WAI", "ニン ウェイ"],
      ],
    },
    statuses: [
      ["技能実習", 40, "single"],
      ["特定技能1号", 40, "single"],
      ["留学", 20, "single"],
    ],
  },
  {
    code: "TW",
    weight: 3,
    kanji: true,
    ownFamilyName: true,
    family: [
      ["林", "リン"],
      ["陳", "チェン"],
      ["黄", "ホアン"],
      ["張", "チャン"],
      ["李", "リー"],
    ],
    given: {
      male: [
        ["志明", "ジーミン"],
        ["家豪", "ジアハオ"],
        ["建宏", "ジエンホン"],
      ],
      female: [
        ["淑芬", "シューフェン"],
        ["怡君", "イージュン"],
        ["美玲", "メイリン"],
      ],
    },
    statuses: [
      ["留学", 40, "single"],
      ["技術・人文知識・国際業務", 30, "single"],
      ["永住者", 30, "family"],
    ],
  },
  {
    code: "US",
    weight: 3,
    kanji: false,
    ownFamilyName: false,
    family: [
      ["SMITH", "スミス"],
      ["JOHNSON", "ジョンソン"],
      ["WILLIAMS", "ウィリアムズ"],
      ["BROWN", "ブラウン"],
      ["MILLER", "ミラー"],
    ],
    given: {
      male: [
        ["JOHN", "ジョン"],
        ["MICHAEL", "マイケル"],
        ["DAVID", "デイビッド"],
      ],
      female: [
        ["EMILY", "エミリー"],
        ["SARAH", "サラ"],
        ["JESSICA", "ジェシカ"],
      ],
    },
    statuses: [
      ["教育", 40, "single"],
      ["技術・人文知識・国際業務", 20, "single"],
      ["永住者", 20, "family"],
      ["日本人の配偶者等", 20, "spouse"],
    ],
  },
  {
    code: "TH",
    weight: 3,
    kanji: false,
    ownFamilyName: false,
    family: [
      ["SRISAI", "シーサイ"],
      ["WONGSA", "ウォンサ"],
      ["SAETANG", "セータン"],
      ["BOONMA", "ブンマー"],
    ],
    given: {
      male: [
        ["SOMCHAI", "ソムチャイ"],
        ["ANAN", "アナン"],
      ],
      female: [
        ["SOMSRI", "ソムシー"],
        ["NARUMON", "ナルモン"],
        ["PIMCHANOK", "ピムチャノック"],
      ],
    },
    statuses: [
      ["技能実習", 40, "single"],
      ["日本人の配偶者等", 40, "spouse"],
      ["特定技能1号", 20, "single"],
    ],
  },
];
