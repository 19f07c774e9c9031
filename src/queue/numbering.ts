/**
 * Ticket numbers: each purpose of an office owns a band (e.g. 100–399) and numbers restart every day at
 * the start of the band. Pure arithmetic; the repository applies the same rule in one UPDATE.
 */
export interface Band {
  start: number;
  end: number;
}

/** The number after `last` (null: none issued yet today), or null when the band is used up. */
export function nextNumber(last: number | null, band: Band): number | null {
  const next = last === null ? band.start : Math.max(last + 1, band.start);
  return next <= band.end ? next : null;
}

export const bandCapacity = (band: Band): number => band.end - band.start + 1;

export interface BandedPurpose {
  code: string;
  bandStart: number;
  bandEnd: number;
}

export interface BandProblem {
  code: string;
  kind: "invalid" | "overlap";
  /** The other purpose, for an overlap. */
  other?: string;
}

/**
 * Checks an office's bands: each within 1–9999 and start ≤ end, and no two overlapping (a number must
 * name one ticket of the day, whatever its purpose).
 */
export function checkBands(purposes: readonly BandedPurpose[]): BandProblem[] {
  const problems: BandProblem[] = [];
  const valid = purposes.filter((p) => {
    const ok =
      Number.isInteger(p.bandStart) &&
      Number.isInteger(p.bandEnd) &&
      p.bandStart >= 1 &&
      p.bandEnd <= 9999 &&
      p.bandStart <= p.bandEnd;
    if (!ok) problems.push({ code: p.code, kind: "invalid" });
    return ok;
  });
  const sorted = [...valid].sort((a, b) => a.bandStart - b.bandStart);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && cur.bandStart <= prev.bandEnd)
      problems.push({ code: cur.code, kind: "overlap", other: prev.code });
  }
  return problems;
}

/** Which purpose a number belongs to, by band. */
export function purposeOfNumber<T extends BandedPurpose>(purposes: readonly T[], n: number): T | undefined {
  return purposes.find((p) => n >= p.bandStart && n <= p.bandEnd);
}
