/**
 * Colours that stay distinct for readers with colour-vision deficiencies: the Okabe–Ito
 * set for the main series, Paul Tol's "muted" set for the mechanisms of release. Series
 * also differ by line style or marker shape, never by colour alone.
 */
export const COLORS = {
  stock: "#0072B2",
  band: "#56B4E9",
  recognized: "#D55E00",
  count: "#000000",
  operation: "#007A5A",
  measure: "#AA3377",
  admissions: "#444444",
  axis: "#4d4d4d",
  grid: "#d9d9d9",
} as const;

/** One colour per way a detention ended (src/analytics/types.ts EXIT_KINDS). */
export const EXIT_COLORS: Record<string, string> = {
  pardon: "#332288",
  amnesty: "#88CCEE",
  end_of_term: "#44AA99",
  deported: "#117733",
  negotiated: "#999933",
  court: "#DDCC77",
  other: "#CC6677",
  unknown: "#BBBBBB",
  died_in_custody: "#882255",
};

export const EXIT_ORDER = Object.keys(EXIT_COLORS);

/** Monitors beyond the first get these colours for their recognized stock. */
export const MONITOR_COLORS = ["#D55E00", "#E69F00", "#CC79A7", "#009E73"];
