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

const clone = <T>(value: T): T => structuredClone(value);

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
    expect(getCatalog().procedures.map((p) => p.id)).toEqual(phase1Ids);
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
    ["kokuho.funeral-benefit", { kind: "years", years: 2 }],
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
      "nenkin.death-report",
      "seikatsuhogo.consult",
      "hoiku.guidance",
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
    (broken.procedures[3] as { department: string }).department = "parks";
    const error = loadError(broken);
    expect(error.code).toBe("catalog.invalid");
    expect(error.file).toBe("procedures.json");
    expect(error.issues).toEqual([
      expect.objectContaining({ entry: '#3 "juki.head-change"', path: "department" }),
    ]);
    expect(error.message).toContain('procedures.json: entry #3 "juki.head-change": department');
  });

  it("reports every broken entry, not only the first", () => {
    const broken = clone(shipped);
    (broken.procedures[0] as { handling: string }).handling = "maybe";
    (broken.procedures[10] as { rules: unknown[] }).rules = [];
    (broken.procedures[20] as Record<string, unknown>).extra = true;
    const entries = loadError(broken).issues.map((i) => i.entry);
    expect(entries).toEqual(['#0 "juki.move-in"', '#10 "kokuho.enroll"', '#20 "nenkin.enroll"']);
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
        entry: `#55 "juki.move-in"`,
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
