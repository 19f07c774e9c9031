import { diffLines } from "diff";

export interface DiffLine {
  kind: "added" | "removed" | "same";
  text: string;
}

/** Two versions' sources compared line by line (the `diff` package), for the approval page. */
export function diffVersions(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    const lines = part.value.replace(/\n$/, "").split("\n");
    for (const text of lines) out.push({ kind, text });
  }
  return out;
}

/** Unchanged runs longer than this are folded to their first and last lines on the page. */
export const CONTEXT_LINES = 3;

/** The diff with long unchanged runs cut to their edges (a gap is `null`). */
export function withContext(lines: readonly DiffLine[], context = CONTEXT_LINES): Array<DiffLine | null> {
  const out: Array<DiffLine | null> = [];
  const near = lines.map((_l, i) =>
    lines.slice(Math.max(0, i - context), i + context + 1).some((l) => l.kind !== "same"),
  );
  let gap = false;
  lines.forEach((line, i) => {
    if (line.kind !== "same" || near[i]) {
      out.push(line);
      gap = false;
    } else if (!gap) {
      out.push(null);
      gap = true;
    }
  });
  return out;
}
