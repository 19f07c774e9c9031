import { describe, expect, it } from "vitest";
import { OWN_CATALOGUES } from "../i18n/catalogues";
import { translator } from "../i18n/translate";
import { transition } from "./visit";
import { refuse, visitRefusalCodes } from "./visits.errors";

describe("the visit's refusals", () => {
  it.each(visitRefusalCodes())("%s has text in Japanese and English", (code) => {
    expect(OWN_CATALOGUES.ja?.[code]).toBeTruthy();
    expect(OWN_CATALOGUES.en?.[code]).toBeTruthy();
  });

  it("carry a stable reason a client can match, and the status class", () => {
    const error = refuse("notSigned");
    expect(error.code).toBe("CONFLICT");
    expect(error.reason).toBe("visits.notSigned");
    expect(error.problems).toEqual([{ path: "", code: "visits.notSigned" }]);
  });

  it("name both states of a refused move in the reader's language", () => {
    const result = transition("interview", "accepted", "staff-1", new Date("2026-04-06T01:00:00Z"));
    if (result.ok) throw new Error("the move should be refused");
    const [problem] = refuse("transitionRefused", { from: result.from, to: result.to }).problems;
    expect(translator("ja").message(problem as never)).toBe("「聞き取り」から「受理済み」には進めません。");
    expect(translator("en").message(problem as never)).toBe("A visit cannot go from interview to accepted.");
  });

  it("word a missing answer with the question's label in the reader's language", () => {
    const label = { ja: "電話番号", en: "phone number" };
    const code = "visits.memberAnswerRequired";
    const named = { label, memberId: "m2", memberName: "山本 花子", memberOrdinal: 2 };
    const unnamed = { label, memberId: "m2", memberName: "none", memberOrdinal: 2 };
    expect(translator("ja").message({ code, params: named })).toBe(
      "電話番号（山本 花子）を入力してください。",
    );
    expect(translator("ja").message({ code, params: unnamed })).toBe(
      "電話番号（2人目の方）を入力してください。",
    );
    expect(translator("en").message({ code, params: unnamed })).toBe("Enter phone number (person 2).");
  });
});
