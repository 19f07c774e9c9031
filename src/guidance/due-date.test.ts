import { describe, expect, it } from "vitest";
import { dueDate, isClosedDay } from "./due-date";

describe("the day a procedure is due", () => {
  it.each([
    ["an open weekday stays as it is", "2026-04-21", "2026-04-21"],
    ["a Saturday moves to the Monday", "2026-04-25", "2026-04-27"],
    ["Golden Week's substitute holiday moves to the next open day", "2026-05-06", "2026-05-07"],
    ["the year end moves to the first open day of January", "2026-12-29", "2027-01-04"],
    ["a national holiday on a Monday moves to the Tuesday", "2026-09-21", "2026-09-24"],
  ])("%s (%s → %s)", (_, deadline, due) => {
    expect(dueDate(deadline)).toBe(due);
  });

  it("keeps no deadline as none", () => {
    expect(dueDate(null)).toBeNull();
  });

  it("honours a municipality's own closed dates", () => {
    expect(isClosedDay("2026-04-21", ["2026-04-21"])).toBe(true);
    expect(dueDate("2026-04-21", ["2026-04-21"])).toBe("2026-04-22");
  });
});
