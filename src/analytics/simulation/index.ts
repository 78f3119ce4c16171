/** The revolving-door simulator and its calibration on the registry: docs/ESTIMATION.md. */
export * from "./calibration.ts";
export * from "./monte-carlo.ts";
export * from "./projection.ts";
export * from "./random.ts";
export * from "./time-held.ts";
