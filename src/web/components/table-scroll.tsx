import type { Child } from "hono/jsx";

/**
 * A staff table that scrolls sideways inside its own box on a narrow screen (320 px), so the page
 * itself never does. The box is focusable and named, so a keyboard user can scroll it too (WCAG 2.1.1,
 * 1.4.10), and a screen reader announces what it holds.
 */
export function TableScroll({
  label,
  labelledBy,
  children,
}: {
  /** The region's name, or the ids of the elements that name it (a section's heading and a caption). */
  label?: string;
  labelledBy?: string;
  children: Child;
}) {
  return (
    <section class="table-scroll" tabindex={0} aria-label={label} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}
