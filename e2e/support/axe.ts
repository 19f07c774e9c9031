import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expectPageHasNoInternalIds } from "./ids-scan";

/** The WCAG 2.2 AA rule set (with the 2.0 and 2.1 A/AA rules it builds on) that every page must pass. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Reads the page for internal ids and codes (./ids-scan.ts), then runs axe-core on it as it is now, and
 * throws, listing each finding or violation with its impact and the elements concerned, when there is any.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  // Every page a journey checks for accessibility is also read for internal ids and codes (issue 16).
  await expectPageHasNoInternalIds(page, label);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const targets = v.nodes.map((n) => n.target.join(" ")).join(", ");
    return `- ${v.id} (${v.impact ?? "unknown"}): ${v.help} — ${targets}`;
  });
  throw new Error(`axe found ${results.violations.length} violation(s) on ${label}:\n${lines.join("\n")}`);
}
