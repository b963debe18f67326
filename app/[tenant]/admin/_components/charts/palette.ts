/**
 * Bar colours for the four funnel steps: each has at least 3:1 contrast on white (WCAG 1.4.11,
 * non-text contrast), and the numbers are always in a table too, so no one depends on colour.
 */
export const STEP_COLOURS = ["#1e3a8a", "#1d4ed8", "#0f766e", "#166534"] as const;

/** Long labels are cut in the drawing; the table beside it has them whole. */
export function shortLabel(label: string, max = 22): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
