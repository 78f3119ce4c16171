/**
 * The HTML report: one self-contained file (nothing fetched from the network), with its
 * charts as inline SVG, the synthetic banner when the registry holds synthetic people, the
 * sources of every figure and the method notes.
 */
import { beforeAll, expect, it } from "vitest";
import { readBundle } from "../src/ingest/bundle-reader.ts";
import { loadDemo } from "../src/ingest/demo.ts";
import { PUBLIC_DATA_DIR } from "../src/ingest/public-data.ts";
import { buildReport } from "../src/report/report.ts";
import { writeBundle } from "../src/store/bundle-writer.ts";
import { describeEachStore } from "./helpers/stores.ts";

/** src and href attributes of the tags that would load something when the page opens. */
function loadedUrls(html: string): string[] {
  const urls: string[] = [];
  const tag = /<(script|img|link|iframe|source|video|audio|object|embed|image|use)\b[^>]*>/gi;
  for (const match of html.matchAll(tag)) {
    for (const attr of match[0].matchAll(
      /\s(?:src|href|xlink:href|data)\s*=\s*["']([^"']*)["']/gi,
    )) {
      urls.push(attr[1] as string);
    }
  }
  for (const match of html.matchAll(/url\(\s*["']?([^"')]+)/gi)) urls.push(match[1] as string);
  for (const match of html.matchAll(/@import\s+["']([^"']+)/gi)) urls.push(match[1] as string);
  return urls;
}

describeEachStore("HTML report on the demo", (use) => {
  let html = "";
  beforeAll(async () => {
    await loadDemo(use().store, { people: 2000 });
    html = await buildReport(use().store, { from: "2020-01-01", to: "2025-12-31" });
  }, 120_000);

  it("is one self-contained file: no script, nothing loaded from elsewhere", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(loadedUrls(html).filter((url) => /^(https?:)?\/\//i.test(url))).toEqual([]);
  });

  it("draws its charts as inline SVG", () => {
    const svgs = html.match(/<svg\b[^>]*class="marks"/g) ?? [];
    // Stock, stock around the operations, flows, at-risk counts, time held.
    expect(svgs).toHaveLength(5);
    expect(html).toContain("People held for political reasons, 2020-01-01 to 2025-12-31");
    expect(html).toContain("Admissions and exits per month");
    // The qualified counts are drawn as such.
    expect(html).toContain("&gt; 1,000");
    expect(html).toContain("&lt; 1,200");
    expect((html.match(/<path\b[^>]*\sd="M[^"]+"/g) ?? []).length).toBeGreaterThan(50);
  });

  it("says prominently that the person-level data is synthetic", () => {
    const banner = html.indexOf(
      '<div class="banner" role="alert"><strong>SYNTHETIC DATA.</strong>',
    );
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(html.indexOf("<svg"));
    expect(html).toContain("2,000 of 2,000 people in this registry are SYNTHETIC");
  });

  it("lists the sources of the figures and ends with the method notes", () => {
    const real = readBundle(PUBLIC_DATA_DIR).bundle;
    const cited = new Set(
      [
        ...real.operations,
        ...real.measures,
        ...real.diplomaticEvents,
        ...real.monitorCounts,
      ].flatMap((item) => item.sourceIds),
    );
    expect(cited.size).toBeGreaterThan(15);
    for (const source of real.sources.filter((s) => cited.has(s.id))) {
      expect(html).toContain(`[${source.id}]`);
      if (source.url) expect(html).toContain(`href="${source.url}"`);
    }
    const figures = html.match(/<figcaption>.*?<\/figcaption>/gs) ?? [];
    expect(figures.length).toBe(5);
    for (const caption of figures) expect(caption).toContain("<b>Sources:</b>");
    expect(html).toContain("the registry (2,000 people, 2,000 of them <b>SYNTHETIC</b>");
    expect(html).toContain("13 released (documented; 52 announced)");
    const method = html.indexOf("Method: how Turnstile computes its figures");
    expect(method).toBeGreaterThan(html.indexOf("All sources"));
    expect(html).toContain("<strong>Lower bound</strong>");
    expect(html).not.toMatch(/syn-p\d/);
  });
});

describeEachStore("HTML report without synthetic people", (use) => {
  it("has no synthetic banner", async () => {
    const { store } = use();
    const real = readBundle(PUBLIC_DATA_DIR).bundle;
    await store.transaction((tx) => writeBundle(tx, real, { actor: "test", batch: "public" }));
    const html = await buildReport(store, { from: "2024-01-01", to: "2025-12-31" });
    expect(html).not.toContain("SYNTHETIC DATA.");
    expect(html).toContain("Person-level figures: the registry (0 people)");
    expect(html).toContain("No death in custody is recorded.");
  });
});
