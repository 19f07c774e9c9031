// Which prefecture an address is in, so that a move's "across prefectures" follows from the address
// typed instead of a box the clerk must remember to tick (a 転入 from 福岡県 changes the 国保 and 後期
// 高齢者医療 procedures). Pure data and string matching; no address database.

/** The 47 prefectures in the order of their 都道府県コード (01 北海道 … 47 沖縄県, JIS X 0401). */
export const prefectures = [
  "北海道",
  "青森県",
  "岩手県",
  "宮城県",
  "秋田県",
  "山形県",
  "福島県",
  "茨城県",
  "栃木県",
  "群馬県",
  "埼玉県",
  "千葉県",
  "東京都",
  "神奈川県",
  "新潟県",
  "富山県",
  "石川県",
  "福井県",
  "山梨県",
  "長野県",
  "岐阜県",
  "静岡県",
  "愛知県",
  "三重県",
  "滋賀県",
  "京都府",
  "大阪府",
  "兵庫県",
  "奈良県",
  "和歌山県",
  "鳥取県",
  "島根県",
  "岡山県",
  "広島県",
  "山口県",
  "徳島県",
  "香川県",
  "愛媛県",
  "高知県",
  "福岡県",
  "佐賀県",
  "長崎県",
  "熊本県",
  "大分県",
  "宮崎県",
  "鹿児島県",
  "沖縄県",
] as const;
export type Prefecture = (typeof prefectures)[number];

/**
 * The 政令指定都市, whose names are unique in Japan and which people often write without the
 * prefecture ("福岡市中央区天神…"): the city name alone says where it is.
 */
const designatedCities: ReadonlyArray<readonly [string, Prefecture]> = [
  ["札幌市", "北海道"],
  ["仙台市", "宮城県"],
  ["さいたま市", "埼玉県"],
  ["千葉市", "千葉県"],
  ["横浜市", "神奈川県"],
  ["川崎市", "神奈川県"],
  ["相模原市", "神奈川県"],
  ["新潟市", "新潟県"],
  ["静岡市", "静岡県"],
  ["浜松市", "静岡県"],
  ["名古屋市", "愛知県"],
  ["京都市", "京都府"],
  ["大阪市", "大阪府"],
  ["堺市", "大阪府"],
  ["神戸市", "兵庫県"],
  ["岡山市", "岡山県"],
  ["広島市", "広島県"],
  ["北九州市", "福岡県"],
  ["福岡市", "福岡県"],
  ["熊本市", "熊本県"],
];

/**
 * The prefecture an address starts with: one of the 47 names ("福岡県福岡市…", "東京都…", "北海道…",
 * "京都府…", "大阪府…"), or a 政令指定都市 written without it ("福岡市…"). Full-width and half-width
 * forms, a leading postal code ("〒860-0806 熊本県…") and spaces are accepted. Undefined when the
 * address does not say (a town name alone, a foreign address, nothing typed).
 */
export function prefectureOf(address: string): Prefecture | undefined {
  const text = address
    .normalize("NFKC")
    .replace(/^\s*〒?\s*\d{3}-?\d{4}/, "")
    .replace(/\s+/g, "");
  if (text === "") return undefined;
  const prefecture = prefectures.find((name) => text.startsWith(name));
  if (prefecture) return prefecture;
  return designatedCities.find(([city]) => text.startsWith(city))?.[1];
}

/**
 * The prefecture of a municipality from its 全国地方公共団体コード: the first two digits are the
 * 都道府県コード ("431001" 熊本市 → 43 → 熊本県). Undefined for no code (the national baseline).
 */
export function prefectureOfMunicipalityCode(code: string | null | undefined): Prefecture | undefined {
  const match = code ? /^(\d{2})\d{3,4}$/.exec(code) : null;
  if (!match) return undefined;
  return prefectures[Number(match[1]) - 1];
}

/**
 * Whether a move to or from `address` crosses a prefecture boundary, seen from a municipality in
 * `home`: undefined when either is unknown, so the caller falls back to what the clerk said.
 */
export function crossesPrefecture(address: string, home: Prefecture | undefined): boolean | undefined {
  const other = prefectureOf(address);
  if (other === undefined || home === undefined) return undefined;
  return other !== home;
}
