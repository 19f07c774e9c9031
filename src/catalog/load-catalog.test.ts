import { describe, expect, it } from "vitest";
import { CatalogError } from "./catalog.errors";
import { getCatalog, loadCatalog } from "./load-catalog";
import shipped from "./procedures.json" with { type: "json" };

/** The phase-1 code list of the life-events reference, in its order. */
const phase1Ids = [
  "juki.move-in",
  "juki.move-within",
  "juki.move-out",
  "juki.head-change",
  "juki.certificate",
  "mynumber.address-update",
  "mynumber.return",
  "inkan.register",
  "inkan.return",
  "koseki.death",
  "kokuho.enroll",
  "kokuho.update",
  "kokuho.withdraw",
  "kokuho.funeral-benefit",
  "kouki.enroll",
  "kouki.update",
  "kouki.move-out",
  "kouki.withdraw",
  "kouki.funeral-benefit",
  "nenkin.address-change",
  "nenkin.category-change",
  "nenkin.enroll",
  "nenkin.death-report",
  "nenkin.survivor-benefit",
  "kaigo.enroll",
  "kaigo.certification-transfer",
  "kaigo.update",
  "kaigo.move-out",
  "kaigo.withdraw",
  "shogai.address-change",
  "shogai.return",
  "seikatsuhogo.consult",
  "jidoteate.claim",
  "jidoteate.update",
  "jidoteate.terminate",
  "kodomo-iryo.enroll",
  "kodomo-iryo.update",
  "kodomo-iryo.withdraw",
  "jido-fuyo.update",
  "jido-fuyo.terminate",
  "tokubetsu-jido-fuyo.update",
  "hitorioya-iryo.enroll",
  "hitorioya-iryo.update",
  "hitorioya-iryo.withdraw",
  "hoiku.guidance",
  "boshi.prenatal-vouchers",
  "boshi.infant-health",
  "gakko.transfer-in",
  "gakko.transfer",
  "gakko.transfer-out",
  "keiji.vehicle-address",
  "keiji.moped",
  "keiji.owner-death",
  "zei.heir-representative",
  "inu.registration-change",
  "suido.notice",
];

/** The phase-2 tables of the reference (section 5), each in its own order. */
const phase2Tables = {
  birth: [
    "koseki.birth",
    "mynumber.card-guidance",
    "kokuho.enroll",
    "kokuho.childbirth-grant",
    "jidoteate.claim",
    "jidoteate.amount-change",
    "kodomo-iryo.enroll",
    "jido-fuyo.amount-change",
    "boshi.newborn-visit",
    "boshi.infant-health",
  ],
  marriage: [
    "koseki.marriage",
    "juki.household-merge",
    "mynumber.name-change",
    "inkan.register",
    "kokuho.enroll",
    "kokuho.withdraw",
    "nenkin.category-change",
    "nenkin.cat3-guidance",
    "jido-fuyo.terminate",
    "hitorioya-iryo.withdraw",
  ],
  divorce: [
    "koseki.divorce",
    "koseki.keep-surname",
    "juki.head-change",
    "mynumber.name-change",
    "inkan.register",
    "kokuho.enroll",
    "kokuho.withdraw",
    "nenkin.category-change",
    "nenkin.cat3-guidance",
    "jidoteate.claim",
    "jidoteate.terminate",
    "jido-fuyo.claim",
    "hitorioya-iryo.enroll",
  ],
};

const clone = <T>(value: T): T => structuredClone(value);
/** The position of an entry in the shipped file, so tests break entries by id, not by a fixed index. */
const at = (id: string): number => shipped.procedures.findIndex((p) => p.id === id);

function loadError(raw: unknown): CatalogError {
  try {
    loadCatalog(raw, "procedures.json");
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error("the catalogue loaded");
}

describe("the shipped catalogue", () => {
  it("lists exactly the phase-1 procedure ids, in the reference's order", () => {
    const phase1 = ["move-in", "move-within", "move-between-wards", "move-out", "death"];
    const ids = getCatalog()
      .procedures.filter((p) => p.rules.some((r) => r.events.some((e) => phase1.includes(e))))
      .map((p) => p.id);
    expect(ids).toEqual(phase1Ids);
  });

  it.each(Object.entries(phase2Tables))("lists the %s table of phase 2 in its own order", (event, ids) => {
    expect(getCatalog().order.get(event as "birth")).toEqual(ids);
    const triggered = getCatalog()
      .procedures.filter((p) => p.rules.some((r) => r.events.includes(event as "birth")))
      .map((p) => p.id);
    expect([...triggered].sort()).toEqual([...ids].sort());
  });

  it("has no procedure that no event triggers", () => {
    const all = new Set([...phase1Ids, ...Object.values(phase2Tables).flat()]);
    expect(
      getCatalog()
        .procedures.map((p) => p.id)
        .filter((id) => !all.has(id)),
    ).toEqual([]);
  });

  it("refuses an event order that misses a procedure or names one the event does not trigger", () => {
    const broken = clone(shipped) as typeof shipped & { order: Record<string, string[]> };
    broken.order.birth =
      broken.order.birth?.filter((id) => id !== "koseki.birth").concat("koseki.death") ?? [];
    expect(loadError(broken).issues.map((i) => `${i.entry} ${i.path}`)).toEqual([
      "order.birth koseki.death",
      "order.birth koseki.birth",
    ]);
  });

  it("is validated once and then served from memory", () => {
    expect(getCatalog()).toBe(getCatalog());
  });

  it.each([
    ["koseki.death", { kind: "days", days: 7, basis: "koseki" }],
    ["juki.move-in", { kind: "days", days: 14, basis: "civil" }],
    ["jidoteate.claim", { kind: "days", days: 15, basis: "civil" }],
    ["keiji.vehicle-address", { kind: "days", days: 15, basis: "civil" }],
    ["inu.registration-change", { kind: "days", days: 30, basis: "civil" }],
    ["kokuho.funeral-benefit", { kind: "years", years: 2, from: "funeralDate" }],
    ["kouki.funeral-benefit", { kind: "years", years: 2, from: "funeralDate" }],
    ["jido-fuyo.terminate", null],
    ["koseki.birth", { kind: "days", days: 14, basis: "koseki" }],
    [
      "koseki.divorce",
      { kind: "days", days: 10, basis: "koseki", when: [{ if: "divorceType", in: ["court"] }] },
    ],
    ["koseki.keep-surname", { kind: "months", months: 3 }],
    ["kokuho.childbirth-grant", { kind: "years", years: 2 }],
    ["koseki.marriage", null],
    ["jido-fuyo.claim", null],
    ["nenkin.survivor-benefit", { kind: "years", years: 2 }],
    ["juki.certificate", null],
    ["kodomo-iryo.enroll", null],
  ])("gives %s the deadline rule of the reference", (id, deadline) => {
    expect(getCatalog().byId.get(id)?.deadline).toEqual(deadline);
  });

  it("marks as guidance exactly the procedures the reference handles elsewhere", () => {
    const guidance = getCatalog()
      .procedures.filter((p) => p.handling === "guidance")
      .map((p) => p.id);
    expect(guidance).toEqual([
      "mynumber.card-guidance",
      "nenkin.cat3-guidance",
      "nenkin.death-report",
      "seikatsuhogo.consult",
      "hoiku.guidance",
      "boshi.newborn-visit",
      "boshi.infant-health",
      "gakko.transfer-out",
      "keiji.vehicle-address",
      "keiji.owner-death",
      "inu.registration-change",
      "suido.notice",
    ]);
  });

  it("names the outside body of every external procedure", () => {
    for (const p of getCatalog().procedures.filter((e) => e.department === "external")) {
      expect(p.body?.ja, p.id).toBeTruthy();
    }
  });

  it("gives every procedure a plain-Japanese line, an English line and a legal basis", () => {
    for (const p of getCatalog().procedures) {
      expect(p.easy.ja.length, p.id).toBeGreaterThan(5);
      expect(p.easy.en?.length, p.id).toBeGreaterThan(5);
      expect(p.legalBasis.length, p.id).toBeGreaterThan(0);
    }
  });

  it("names and explains every procedure in each language a resident may read", () => {
    for (const p of getCatalog().procedures) {
      for (const lang of ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi"]) {
        expect(p.name[lang], `${p.id} name ${lang}`).toBeTruthy();
        expect(p.easy[lang], `${p.id} easy ${lang}`).toBeTruthy();
        if (p.body) expect(p.body[lang], `${p.id} body ${lang}`).toBeTruthy();
      }
    }
  });
});

describe("a broken catalogue", () => {
  it("refuses to load, naming the file, the entry's index and id, and the field", () => {
    const broken = clone(shipped);
    (broken.procedures[at("juki.head-change")] as { department: string }).department = "parks";
    const error = loadError(broken);
    expect(error.code).toBe("catalog.invalid");
    expect(error.file).toBe("procedures.json");
    expect(error.issues).toEqual([
      expect.objectContaining({ entry: `#${at("juki.head-change")} "juki.head-change"`, path: "department" }),
    ]);
    expect(error.message).toContain(
      `procedures.json: entry #${at("juki.head-change")} "juki.head-change": department`,
    );
  });

  it("reports every broken entry, not only the first", () => {
    const broken = clone(shipped);
    (broken.procedures[0] as { handling: string }).handling = "maybe";
    (broken.procedures[at("kokuho.enroll")] as { rules: unknown[] }).rules = [];
    (broken.procedures[at("nenkin.enroll")] as Record<string, unknown>).extra = true;
    const entries = loadError(broken).issues.map((i) => i.entry);
    expect(entries).toEqual([
      '#0 "juki.move-in"',
      `#${at("kokuho.enroll")} "kokuho.enroll"`,
      `#${at("nenkin.enroll")} "nenkin.enroll"`,
    ]);
  });

  it("refuses a label without Japanese, or with a key that is not a language", () => {
    const broken = clone(shipped);
    (broken.procedures[1] as { name: Record<string, string> }).name = { en: "Moving" };
    (broken.procedures[2] as { easy: Record<string, string> }).easy = { ja: "転出", label: "転出" };
    expect(loadError(broken).issues).toEqual([
      expect.objectContaining({ entry: '#1 "juki.move-within"', path: "name.ja" }),
      expect.objectContaining({ entry: '#2 "juki.move-out"', path: "easy.label" }),
    ]);
  });

  it("names an entry by its index when it has no readable id", () => {
    const broken = clone(shipped);
    (broken.procedures[5] as { id: unknown }).id = 42;
    expect(loadError(broken).issues[0]).toEqual(expect.objectContaining({ entry: "#5", path: "id" }));
  });

  it("refuses a procedure id used twice", () => {
    const broken = clone(shipped);
    broken.procedures.push(clone(broken.procedures[0] as (typeof broken.procedures)[number]));
    expect(loadError(broken).issues).toEqual([
      expect.objectContaining({
        entry: `#${shipped.procedures.length} "juki.move-in"`,
        message: 'duplicate procedure id "juki.move-in"',
      }),
    ]);
  });

  it("refuses a rule that tests an unknown member fact", () => {
    const broken = clone(shipped);
    const rule = (broken.procedures[5] as { rules: { members: { where: unknown[] } }[] }).rules[0];
    if (rule) rule.members.where = [{ fact: "shoeSize", min: 40 }];
    expect(loadError(broken).issues[0]?.path).toBe("rules[0].members.where[0].fact");
  });

  it("refuses an external procedure that does not name its body", () => {
    const broken = clone(shipped);
    const suido = broken.procedures.find((p) => p.id === "suido.notice") as { body?: unknown };
    delete suido.body;
    expect(loadError(broken).issues[0]).toEqual(expect.objectContaining({ path: "body" }));
  });

  it("refuses a document that is not a catalogue at all", () => {
    expect(loadError({ version: 1 }).issues[0]).toEqual(
      expect.objectContaining({ entry: "", path: "procedures" }),
    );
    expect(loadError([]).code).toBe("catalog.invalid");
  });
});
