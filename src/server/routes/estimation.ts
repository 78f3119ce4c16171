/**
 * Estimation and projection as endpoints (docs/ESTIMATION.md): multiple systems
 * estimation of everyone held, documented or not; the revolving-door simulator; and its
 * back-test. Public aggregates, like the analytics; anonymous readers get small cells
 * hidden and cannot use restricted sources (src/services/estimation-views.ts).
 *
 * Simulations cost CPU per run and month, and GET requests are not rate-limited: the API
 * caps runs, months and their product well below the command line's limits.
 */
import { z } from "zod";
import { backtestView, estimateView, simulateView } from "../../services/estimation-views.ts";
import { jsonOnce } from "../json-reply.ts";
import { ERRORS, partialDate } from "../schemas/common.ts";
import type { Api, Deps } from "./types.ts";

/** Most Monte Carlo runs one request may ask for. */
export const API_MAX_RUNS = 5_000;
/** Most months one request may project. */
export const API_MAX_MONTHS = 120;
/** Most runs × months: 5,000 runs over 24 months, or 1,000 over 120. */
export const API_MAX_WORK = 120_000;
/** Most release pulses in one scenario. */
export const API_MAX_RELEASES = 50;

const day = (what: string) => partialDate.describe(`${what}: YYYY-MM-DD, or YYYY-MM / YYYY`);
const report = z.unknown().describe("see docs/API.md and docs/ESTIMATION.md for the shape");
const SUPPRESSION =
  " For anonymous readers, counts of fewer than 5 people (configurable) are null and restricted sources cannot be used.";

const RELEASE = /^(\d{4}-\d{2}-\d{2}):(\d{1,7})$/;

/** `2026-01-01:100,2026-06-01:50` → release pulses; each item checked, named by position. */
const releases = z
  .string()
  .max(2_000)
  .describe("release pulses DATE:COUNT separated by commas, e.g. 2026-01-01:100,2026-06-01:50")
  .transform((text, ctx) => {
    const items = text === "" ? [] : text.split(",");
    if (items.length > API_MAX_RELEASES) {
      ctx.addIssue({ code: "custom", message: `at most ${API_MAX_RELEASES} releases` });
      return z.NEVER;
    }
    const out: { date: string; count: number }[] = [];
    for (const [i, item] of items.entries()) {
      const match = RELEASE.exec(item.trim());
      if (!match) {
        ctx.addIssue({
          code: "custom",
          message: `item ${i + 1} ("${item}") is not DATE:COUNT, e.g. 2026-01-01:100`,
        });
        return z.NEVER;
      }
      out.push({ date: match[1] as string, count: Number(match[2]) });
    }
    return out;
  });

const arrestRate = z
  .string()
  .regex(/^(last-year|\d{1,6}(\.\d{1,6})?)$/, 'must be "last-year" or arrests per month, e.g. 40')
  .optional()
  .describe(
    '"last-year" (default): the admissions in the 365 days before the start; or arrests per month',
  )
  .transform((v) => (v === undefined || v === "last-year" ? ("last-year" as const) : Number(v)));

const flag = z
  .enum(["true", "false"])
  .optional()
  .transform((v) => v === "true");

const runs = z.coerce
  .number()
  .int("must be a whole number")
  .min(1)
  .max(API_MAX_RUNS)
  .optional()
  .describe(`Monte Carlo runs (default 1,000; at most ${API_MAX_RUNS.toLocaleString("en")})`);
const months = z.coerce
  .number()
  .int("must be a whole number")
  .min(1)
  .max(API_MAX_MONTHS)
  .describe(`months to project (1–${API_MAX_MONTHS})`);
const seed = z.coerce
  .number()
  .int("must be a whole number")
  .min(-2_147_483_648)
  .max(4_294_967_295)
  .optional()
  .describe("random seed (default 1): the same seed gives the same answer");

/** runs × months within {@link API_MAX_WORK}, refused naming both. */
function checkWork<T extends { runs?: number; months: number }>(query: T, ctx: z.RefinementCtx) {
  const work = (query.runs ?? 1000) * query.months;
  if (work > API_MAX_WORK) {
    ctx.addIssue({
      code: "custom",
      path: ["runs"],
      message: `runs × months is ${work.toLocaleString("en")}, more than ${API_MAX_WORK.toLocaleString("en")}: fewer runs or months (the command line has no such cap)`,
    });
  }
}

export function registerEstimationRoutes(app: Api, deps: Deps): void {
  const { store } = deps;
  const ctx = { cache: deps.cache, minCell: deps.config.minCell };
  const tags = ["estimation"];
  const config = { access: "public" as const };

  app.get("/api/estimation/estimate", {
    config,
    schema: {
      tags,
      summary: "how many are held, documented or not: capture–recapture across the sources",
      description:
        "The overlap of the lists (sources, groups of sources, or publishers) among the people held on a day or in a period, the documented count, and every estimator and log-linear model with its interval, AIC/BIC and weight. Without lists or by, every source cited for some but not all of the people held is a list." +
        SUPPRESSION,
      querystring: z
        .strictObject({
          lists: z
            .string()
            .max(2_000)
            .regex(
              /^[^,+]+([,+][^,+]+)*$/,
              "must be source ids separated by , (lists) or + (one list)",
            )
            .optional()
            .describe("source ids as lists, e.g. A,B+C (B and C make one list)"),
          by: z.enum(["publisher"]).optional().describe("one list per publisher instead"),
          at: day("the people held on this day (default today)").optional(),
          from: day("or the people held at any time from this day…").optional(),
          to: day("…to this day").optional(),
          level: z.coerce
            .number()
            .gt(0)
            .lt(1)
            .optional()
            .describe("confidence level of the intervals (default 0.95)"),
        })
        .refine((q) => !(q.lists !== undefined && q.by !== undefined), {
          message: "give either lists or by, not both",
          path: ["by"],
        }),
      response: { 200: report, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(reply, await estimateView(store, request.query, request.principal, ctx)),
  });

  app.get("/api/estimation/simulate", {
    config,
    schema: {
      tags,
      summary: "project the number held under release operations (revolving-door Monte Carlo)",
      description:
        "Rows {date, month, median, mean, band80, band95, recorded} month by month from `from`, the calibration (arrest rate, time held, response to releases) and a one-sentence answer." +
        SUPPRESSION,
      querystring: z
        .strictObject({
          from: day("first day of the projection"),
          months,
          releases: releases.optional(),
          runs,
          seed,
          arrestRate,
          responsive: flag.describe(
            "true: arrests rise after each release as they did after past operations",
          ),
        })
        .superRefine(checkWork),
      response: { 200: report, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(reply, await simulateView(store, request.query, request.principal, ctx)),
  });

  app.get("/api/estimation/backtest", {
    config,
    schema: {
      tags,
      summary: "calibrate before a day, project, and compare with what the registry recorded",
      description:
        "The simulation's rows beside the recorded stock, and the error (mean absolute and percentage, bias) and the share of months inside the 80% and 95% bands." +
        SUPPRESSION,
      querystring: z
        .strictObject({
          at: day("calibrate before this day and project from it"),
          months,
          releases: z
            .enum(["recorded", "none"])
            .optional()
            .describe(
              "recorded (default): the release operations recorded in the window, as pulses",
            ),
          runs,
          seed,
          arrestRate,
          responsive: flag.describe("true: arrests rise after releases"),
        })
        .superRefine(checkWork),
      response: { 200: report, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(reply, await backtestView(store, request.query, request.principal, ctx)),
  });
}
