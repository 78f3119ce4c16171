/** Multiple systems estimation (capture–recapture): docs/ESTIMATION.md. */
export * from "./loglinear.ts";
export * from "./model-selection.ts";
export * from "./overlap.ts";
export * from "./population.ts";
export * from "./two-lists.ts";
