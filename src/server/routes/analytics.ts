/**
 * The analytics as endpoints (DESIGN.md "Definitions"): stock, flows, revolving door,
 * ledger, reconciliation, people at risk, and the dashboard's data in one call. Public;
 * anonymous readers get small cells hidden (src/services/analytics-views.ts).
 */
import { z } from "zod";
import { STEPS } from "../../services/analytics-input.ts";
import {
  type AnalyticsContext,
  atRiskView,
  dashboardView,
  flowsView,
  ledgerView,
  reconcileView,
  revolvingDoorView,
  stockView,
} from "../../services/analytics-views.ts";
import { jsonOnce } from "../json-reply.ts";
import { ERRORS, partialDate } from "../schemas/common.ts";
import type { Api, Deps } from "./types.ts";

const step = z.enum(STEPS as ["day", "week", "month", "year"]);
const day = (what: string) => partialDate.describe(`${what}: YYYY-MM-DD, or YYYY-MM / YYYY`);
const count = (max: number) => z.coerce.number().int().min(0).max(max);
// The reports' shapes are those of src/analytics and src/services/analytics.ts; for
// anonymous readers counts below the smallest cell are null.
const report = z.unknown().describe("see docs/API.md and DESIGN.md for the shape");
const rows: z.ZodType = z.array(z.record(z.string(), z.unknown()));
const SUPPRESSION =
  " For anonymous readers, counts of fewer than 5 people (configurable) are null.";

export function registerAnalyticsRoutes(app: Api, deps: Deps): void {
  const { store } = deps;
  const ctx: AnalyticsContext = { cache: deps.cache, minCell: deps.config.minCell };
  const tags = ["analytics"];
  const config = { access: "public" as const };

  app.get("/api/analytics/stock", {
    config,
    schema: {
      tags,
      summary: "how many are held on each day: point value with lower and upper bounds",
      description: `Rows {date, count, lower, upper}; a week, month or year is its last day.${SUPPRESSION}`,
      querystring: z.strictObject({
        from: day("first day"),
        to: day("last day"),
        step: step.default("month"),
        recognizedBy: z
          .string()
          .max(200)
          .optional()
          .describe("only people recognized by this monitor"),
      }),
      response: { 200: rows, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(reply, await stockView(store, request.query, request.principal, ctx)),
  });

  app.get("/api/analytics/flows", {
    config,
    schema: {
      tags,
      summary: "admissions and exits by mechanism per period",
      description: `Rows {period, admissions, exits: {mechanism: n}}.${SUPPRESSION}`,
      querystring: z.strictObject({
        from: day("first day"),
        to: day("last day"),
        step: step.default("month"),
      }),
      response: { 200: rows, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(reply, await flowsView(store, request.query, request.principal, ctx)),
  });

  app.get("/api/analytics/revolving-door", {
    config,
    schema: {
      tags,
      summary: "for each release operation: admissions after it, replacement ratio, refill time",
      description: `DESIGN.md's JSON shape.${SUPPRESSION}`,
      querystring: z.strictObject({
        operationId: z.string().max(200).optional(),
        windows: z
          .string()
          .regex(/^\d{1,5}(,\d{1,5}){0,9}$/, "must be days separated by commas, e.g. 30,90,180")
          .optional()
          .describe("windows in days (default 30,90,180)"),
      }),
      response: { 200: rows, ...ERRORS },
    },
    handler: async (request, reply) => {
      const { operationId, windows } = request.query;
      const query = { operationId, windows: windows?.split(",").map(Number) };
      return jsonOnce(reply, await revolvingDoorView(store, query, request.principal, ctx));
    },
  });

  app.get("/api/analytics/ledger", {
    config,
    schema: {
      tags,
      summary:
        "each release operation beside the measures eased and the diplomatic events around it",
      querystring: z.strictObject({
        before: count(3650).optional().describe("days before each operation (default 30)"),
        after: count(3650).optional().describe("days after (default 90)"),
      }),
      response: { 200: rows, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(reply, await ledgerView(store, request.query, request.principal, ctx)),
  });

  app.get("/api/analytics/reconcile", {
    config,
    schema: {
      tags,
      summary: "each monitor's published count beside the registry's recognized stock that day",
      querystring: z.strictObject({ monitor: z.string().max(200).optional() }),
      response: { 200: rows, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(reply, await reconcileView(store, request.query, request.principal, ctx)),
  });

  app.get("/api/analytics/at-risk", {
    config,
    schema: {
      tags,
      summary: "people held with health problems, old age, no sign of life or years behind bars",
      description:
        "Only the people you may see are listed; anonymous readers see public people with the reasons public fields give (years held)." +
        SUPPRESSION,
      querystring: z.strictObject({
        asOf: day("day to look on (default today)").optional(),
        silenceDays: count(100_000).optional().describe("default 90"),
        longHeldYears: z.coerce.number().int().min(1).max(100).optional().describe("default 5"),
      }),
      response: { 200: report, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(reply, await atRiskView(store, request.query, request.principal, ctx)),
  });

  app.get("/api/analytics/dashboard", {
    config,
    schema: {
      tags,
      summary: "everything the dashboard shows, in one call",
      description: `Aggregates only.${SUPPRESSION} Anonymous readers get the number of deaths in custody, not their dates.`,
      querystring: z.strictObject({
        from: day("first day (default: January of the first count or operation)").optional(),
        to: day("last day (default today)").optional(),
      }),
      response: { 200: report, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(reply, await dashboardView(store, request.query, request.principal, ctx)),
  });
}
