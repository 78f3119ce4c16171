/**
 * A wide table's box, scrolled sideways on narrow screens. It takes the keyboard focus so
 * that keyboard users can scroll it too (WCAG 2.1.1), and is named for screen readers.
 */
import type { ReactNode } from "react";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
