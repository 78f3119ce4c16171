/**
 * `estimateReport` on both stores: lists from the sources each person's events cite, the
 * population held on a day, groups and publishers, the estimate against a known true
 * population, and clear errors for bad lists.
 */
import { beforeAll, expect, it } from "vitest";
import { countPatterns, overlapRows } from "../src/analytics/estimation/overlap.ts";
import { AnalyticsInputError } from "../src/services/analytics-input.ts";
import { estimateReport } from "../src/services/estimate.ts";
import { writeBundle } from "../src/store/bundle-writer.ts";
import {
  loadPersonPublishers,
  loadPersonSources,
  loadSourceSummaries,
} from "../src/store/estimation-source.ts";
import { event, multiListBundle, person, source } from "./fixtures/estimation-bundle.ts";
import { describeEachStore } from "./helpers/stores.ts";

const TRUTH = 1500;
const { bundle, masks } = multiListBundle({
  truth: TRUTH,
  probabilities: [0.3, 0.25, 0.35],
  seed: 42,
});
const AT = "2024-06-30";

describeEachStore("multiple systems estimation from the store", (use) => {
  beforeAll(async () => {
    await use().store.transaction((tx) =>
      writeBundle(tx, bundle, { actor: "test", batch: "estimate" }),
    );
  });

  it("reads citations set-based: distinct (person, source) and (person, publisher) pairs", async () => {
    const { store } = use();
    const sources = await loadPersonSources(store);
    expect(sources.filter((c) => c.personId === "gone")).toEqual([
      { personId: "gone", key: "a1" },
      { personId: "gone", key: "b1" },
    ]);
    const publishers = await loadPersonPublishers(store);
    expect(publishers.filter((c) => c.personId === "late")).toEqual([
      { personId: "late", key: "Pub A" },
      { personId: "late", key: "source:c1" },
    ]);
    const summaries = await loadSourceSummaries(store);
    expect(summaries.map((s) => s.id)).toEqual(["a1", "b1", "b2", "c1", "d1"]);
    expect(summaries.find((s) => s.id === "d1")?.people).toBe(1);
  });

  it("counts the people held on the day by overlap pattern, B being two sources joined", async () => {
    const report = await estimateReport(use().store, { lists: "a1,b1+b2,c1", at: AT });
    expect(report.population).toEqual({ kind: "day", date: AT });
    // Everyone documented in the fixture, plus `other` (held, cited only by d1).
    expect(report.held).toBe(masks.length + 1);
    expect(report.heldOnNoList).toBe(1);
    expect(report.documented).toBe(masks.length);
    expect(report.lists.map((l) => [l.label, l.sources])).toEqual([
      ["a1", ["a1"]],
      ["b1+b2", ["b1", "b2"]],
      ["c1", ["c1"]],
    ]);
    expect(report.overlap).toEqual(overlapRows(countPatterns(masks, 3), ["a1", "b1+b2", "c1"]));
    expect(report.models).toHaveLength(8);
  });

  it("the estimate's interval covers the true population of 1,500", async () => {
    const report = await estimateReport(use().store, { lists: "a1,b1+b2,c1", at: AT });
    for (const estimator of [
      report.averaged,
      report.estimators.find((e) => e.name === "best-bic"),
    ]) {
      expect(estimator?.interval?.lower).toBeLessThanOrEqual(TRUTH);
      expect(estimator?.interval?.upper).toBeGreaterThanOrEqual(TRUTH);
    }
    expect(report.estimators.map((e) => e.name)).toEqual([
      "best-aic",
      "best-bic",
      "model-average-aic",
    ]);
    expect(report.method).toContain("closed population");
  });

  it("one list per publisher gives the same table", async () => {
    const byPublisher = await estimateReport(use().store, { by: "publisher", at: AT });
    expect(byPublisher.lists.map((l) => l.label)).toEqual(["Pub A", "Pub B", "Pub D", "source:c1"]);
    const counts = new Map(byPublisher.lists.map((l) => [l.label, l.count]));
    const bySource = await estimateReport(use().store, { lists: "a1,b1+b2,c1", at: AT });
    expect(counts.get("Pub A")).toBe(bySource.lists[0]?.count);
    expect(counts.get("Pub B")).toBe(bySource.lists[1]?.count);
    expect(counts.get("source:c1")).toBe(bySource.lists[2]?.count);
    expect(counts.get("Pub D")).toBe(1);
    expect(byPublisher.heldOnNoList).toBe(0);
  });

  it("without lists every source citing the people held is a list; one source alone is not enough", async () => {
    const all = await estimateReport(use().store, { at: AT });
    expect(all.lists.map((l) => l.label)).toEqual(["a1", "b1", "b2", "c1", "d1"]);
    expect(all.models.length).toBe(1024);
    // In 2023 only `gone` was held; their events cite a1 and b1: two lists, one person.
    const period = await estimateReport(use().store, {
      from: "2023-01-01",
      to: "2023-12-31",
      lists: "a1,b1",
    });
    expect(period.population).toEqual({ kind: "period", from: "2023-01-01", to: "2023-12-31" });
    expect(period.held).toBe(1);
    expect(period.warnings.map((w) => w.code)).toContain("few_recaptures");
  });

  it("refuses bad lists and populations, naming the problem", async () => {
    const { store } = use();
    const refuse = (query: Parameters<typeof estimateReport>[1], message: RegExp) =>
      expect(estimateReport(store, query)).rejects.toThrow(message);
    await refuse({ lists: "a1,nope", at: AT }, /unknown source id "nope"/);
    await refuse({ lists: "a1,a1+b1", at: AT }, /source "a1" is in list 1 and list 2/);
    await refuse({ lists: "a1", at: AT }, /at least two lists/);
    await refuse({ lists: "a1,,b1", at: AT }, /item 2 .* empty source id/);
    await refuse({ lists: "a1,b1", by: "publisher", at: AT }, /either lists or by/);
    await refuse({ lists: "a1,b1", at: AT, from: "2024" }, /either at .* or from and to/);
    await refuse({ lists: "a1,b1", from: "2024" }, /needs both from and to/);
    await refuse({ at: "2022-06-30" }, /cite none as source/);
    await expect(estimateReport(store, { lists: "zz" })).rejects.toBeInstanceOf(
      AnalyticsInputError,
    );
  });
});

describeEachStore("the automatic choice of lists", (use) => {
  beforeAll(async () => {
    // `all` cites everyone (as the demo's `synthetic-demo` does); x and y some of them.
    const people = ["p1", "p2", "p3", "p4", "p5", "p6"];
    const on: Record<string, string[]> = {
      p1: ["x", "y"],
      p2: ["x"],
      p3: ["y"],
      p4: ["x", "y"],
      p5: ["x"],
      p6: [],
    };
    await use().store.transaction((tx) =>
      writeBundle(
        tx,
        {
          sources: [source("all", "Everyone"), source("x", "Pub X"), source("y", "Pub Y")],
          people: people.map(person),
          events: people.map((id) =>
            event(`${id}-d`, id, "detained", "2024-01-15", ["all", ...(on[id] ?? [])]),
          ),
        },
        { actor: "test", batch: "left out" },
      ),
    );
  });

  it("leaves out a source that cites every person held, and says why", async () => {
    const report = await estimateReport(use().store, { at: AT });
    expect(report.lists.map((l) => l.label)).toEqual(["x", "y"]);
    expect(report.leftOut).toEqual([
      {
        label: "all",
        code: "cites_everyone",
        params: { count: 6 },
        reason: expect.stringMatching(/cited for all 6 people held: a list that misses nobody/),
      },
    ]);
    expect(report.heldOnNoList).toBe(1);
    const byPublisher = await estimateReport(use().store, { by: "publisher", at: AT });
    expect(byPublisher.lists.map((l) => l.label)).toEqual(["Pub X", "Pub Y"]);
    expect(byPublisher.leftOut.map((l) => l.label)).toEqual(["Everyone"]);
    // Named explicitly, it is a list like any other.
    const named = await estimateReport(use().store, { lists: "all,x", at: AT });
    expect(named.leftOut).toEqual([]);
    expect(named.lists.map((l) => l.count)).toEqual([6, 4]);
  });
});
