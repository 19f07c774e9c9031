import { describe, expect, it } from "vitest";
import { OWN_CATALOGUES } from "../../i18n/catalogues";
import { translator } from "../../web/i18n";
import type { PageContext } from "../../web/layout";
import { destinationSchema } from "../destination.schema";
import { handoffMessageCodes } from "../handoff.errors";
import { DeliveryStatuses } from "./components";

const ctx = (lang: string): PageContext => ({
  lang,
  t: translator(lang),
  path: "/visits/x",
  session: undefined,
  csrfToken: "",
  warningMinutes: 5,
});

describe("an application's deliveries", () => {
  const statuses = [
    {
      destination: "juki",
      label: { ja: "住民記録", en: "Resident records" },
      state: "done",
      attempts: 1,
      lastError: null,
    },
    { destination: "zei", label: { ja: "税務システム" }, state: "dead", attempts: 2, lastError: "HTTP 500" },
    { destination: "gone", label: undefined, state: "pending", attempts: 0, lastError: null },
  ] as const;

  it("name each destination in the reader's language and mark a Japanese fallback", async () => {
    const en = String(await (<DeliveryStatuses ctx={ctx("en")} statuses={[...statuses]} />));
    expect(en).toContain("Resident records: ");
    expect(en).toContain('<span lang="ja">税務システム</span>: ');
    expect(en).toContain("Stopped (needs action)");
    expect(en).toContain(" (Attempts 2)");
    // A destination no longer configured is said to be so, not named by its code.
    expect(en).toContain("Destination no longer configured: ");
    expect(en.replace(/<[^>]*>/g, "")).not.toContain("gone");
    const ja = String(await (<DeliveryStatuses ctx={ctx("ja")} statuses={[...statuses]} />));
    expect(ja).toContain("税務システム: ");
    expect(ja).not.toContain('lang="ja"');
    expect(String(await (<DeliveryStatuses ctx={ctx("ja")} statuses={[]} />))).toContain("連携先なし");
  });
});

describe("destination labels", () => {
  const base = { id: "x", kind: "file", folder: "x", procedures: ["*"] } as const;
  it("need Japanese, and take any other language by its code", () => {
    expect(destinationSchema.safeParse({ ...base, label: { ja: "住基", vi: "Hộ tịch" } }).success).toBe(true);
    expect(destinationSchema.safeParse({ ...base, label: { en: "Registry" } }).success).toBe(false);
    expect(destinationSchema.safeParse({ ...base, label: { ja: "住基", "not a code": "x" } }).success).toBe(
      false,
    );
  });
});

describe("messages", () => {
  it("give every refusal text in Japanese and English", () => {
    for (const code of handoffMessageCodes)
      for (const lang of ["ja", "en"]) expect(OWN_CATALOGUES[lang]?.[code], `${lang} ${code}`).toBeTruthy();
  });
});
