import { describe, expect, it } from "vitest";
import { CatalogError } from "./catalog.errors";
import { getCatalog } from "./load-catalog";
import { getMunicipalitySettings } from "./municipalities";
import { checkSettings } from "./municipality.schema";
import { phoneSchema } from "./place.schema";
import { kumamotoPlaces } from "./places.kumamoto";
import { placeFor, telUri } from "./procedure-place";

const kumamoto = getMunicipalitySettings("kumamoto");
const catalog = getCatalog();
const wards = ["chuo", "higashi", "nishi", "minami", "kita"];

describe("Kumamoto's places", () => {
  it.each(wards)(
    "give every procedure a place with address, phone and hours for a resident served at %s",
    (ward) => {
      for (const entry of catalog.procedures) {
        const place = placeFor(entry.id, kumamoto, ward);
        // The spouse's employer (nenkin.cat3-guidance) is the resident's own: no directory has it.
        if (entry.ownBody) {
          expect(place, entry.id).toEqual({ key: `body:${entry.id}`, kind: "outside", name: entry.body });
          continue;
        }
        expect(place?.address?.ja, entry.id).toMatch(/^熊本市/);
        expect(place?.address?.en, entry.id).toMatch(/Kumamoto/);
        expect(phoneSchema.safeParse(place?.phone).success, entry.id).toBe(true);
        expect(place?.hours?.ja, entry.id).toMatch(/\d:\d\d/);
        for (const lang of ["ja-x-easy", "en", "zh-Hans", "ko", "vi"])
          expect(place?.hours?.[lang], `${entry.id} hours in ${lang}`).toBeTruthy();
      }
    },
  );

  it("send a ward's own procedures to that ward office, at the department's counter", () => {
    expect(placeFor("hoiku.guidance", kumamoto, "higashi")).toMatchObject({
      key: "office:higashi:children",
      kind: "office",
      name: { ja: "東区役所" },
      section: { ja: "保健子ども課" },
      counter: { ja: "31番窓口" },
      address: { ja: "熊本市東区東本町16番30号" },
      phone: "096-367-9111",
    });
  });

  it("label the waterworks bureau and the animal centre as the city's own bodies", () => {
    expect(placeFor("suido.notice", kumamoto, "chuo")).toMatchObject({
      kind: "city",
      name: { ja: "熊本市上下水道局" },
      address: { ja: "熊本市中央区水前寺6丁目2番45号" },
      phone: "096-381-1133",
    });
    expect(placeFor("inu.registration-change", kumamoto, "chuo")).toMatchObject({
      kind: "city",
      name: { ja: "熊本市動物愛護センター" },
    });
    expect(placeFor("nenkin.death-report", kumamoto, "chuo")?.kind).toBe("outside");
  });

  it("send each ward to the pension office that serves it", () => {
    expect(placeFor("nenkin.death-report", kumamoto, "nishi")?.name.ja).toBe("熊本西年金事務所");
    expect(placeFor("nenkin.death-report", kumamoto, "chuo")?.name.ja).toBe("熊本東年金事務所");
  });

  it("name only the department where a municipality gives no places (the national baseline)", () => {
    const national = getMunicipalitySettings("national");
    expect(placeFor("hoiku.guidance", national)).toEqual({
      key: "department:children",
      kind: "office",
      name: national.departmentLabels.children,
    });
  });
});

describe("a place directory", () => {
  const base = { ...kumamoto, id: "test-city", code: null, places: kumamotoPlaces } as Record<
    string,
    unknown
  >;

  it("is refused when an outside procedure has no place", () => {
    const { "suido.notice": _, ...rest } = kumamotoPlaces.procedureBodies;
    const raw = { ...base, places: { ...kumamotoPlaces, procedureBodies: rest } };
    expect(() => checkSettings(raw, catalog, "test.json")).toThrow(CatalogError);
    expect(() => checkSettings(raw, catalog, "test.json")).toThrow(/suido\.notice/);
  });

  it.each([
    ["digits only", "0963281111"],
    ["too few digits", "096-328-111"],
    ["no leading zero", "96-328-1111"],
  ])("refuses a phone written as %s", (_, phone) => {
    expect(phoneSchema.safeParse(phone).success).toBe(false);
  });

  it("dials a number in the global form", () => {
    expect(telUri("096-328-2111")).toBe("tel:+81-96-328-2111");
    expect(phoneSchema.safeParse("0570-05-1165").success).toBe(true);
  });
});

describe("what to bring", () => {
  it("is written in every resident language for every procedure of the catalogue", () => {
    for (const entry of catalog.procedures)
      for (const thing of entry.documents)
        for (const lang of ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi"])
          expect(thing[lang], `${entry.id}: ${thing.ja} in ${lang}`).toBeTruthy();
  });
});
