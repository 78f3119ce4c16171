/** Pure analytics over plain data (DESIGN.md "Definitions the analytics must follow"). */
export * from "./at-risk.ts";
export * from "./flows.ts";
export * from "./intervals.ts";
export * from "./ledger.ts";
export * from "./periods.ts";
export * from "./recognition.ts";
export * from "./reconcile.ts";
export * from "./revolving-door.ts";
export * from "./stock.ts";
export * from "./table.ts";
export * from "./time-held.ts";
export * from "./types.ts";
