/**
 * News-text extraction speed: the three example articles extracted many times, beside the
 * same text only split into sentences (Intl.Segmenter), measured in the same run. The ratio
 * is what the rules cost on top of sentence splitting.
 *
 *   node bench/extract.bench.ts [--rounds 200]
 */
import { readFileSync } from "node:fs";
import { extract } from "../src/ingest/extract/extract.ts";
import { splitSentences } from "../src/ingest/extract/sentences.ts";
import type { Language } from "../src/ingest/extract/types.ts";
import { numberArg, printTable, time } from "./harness.ts";

const EXAMPLES = new URL("../data/examples/", import.meta.url);
const ARTICLES: [string, Language][] = [
  ["founding-article-fr.txt", "fr"],
  ["article-en.txt", "en"],
  ["article-ru.txt", "ru"],
];
const rounds = numberArg("rounds", 200);
const texts = ARTICLES.map(([file, language]) => ({
  text: readFileSync(new URL(file, EXAMPLES), "utf8"),
  language,
}));
const chars = texts.reduce((sum, t) => sum + t.text.length, 0) * rounds;

// Warm up both paths so that the comparison is of steady states.
for (const { text, language } of texts) {
  extract(text, { language });
  splitSentences(text, language);
}

const split = await time(() => {
  let n = 0;
  for (let r = 0; r < rounds; r++)
    for (const { text, language } of texts) n += splitSentences(text, language).length;
  return n;
});
const full = await time(() => {
  let n = 0;
  for (let r = 0; r < rounds; r++)
    for (const { text, language } of texts) n += extract(text, { language }).drafts.length;
  return n;
});

const articles = texts.length * rounds;
printTable([
  {
    what: "sentence split only (baseline)",
    articles,
    seconds: Number(split.seconds.toFixed(3)),
    "articles/s": Math.round(articles / split.seconds),
    "chars/s": Math.round(chars / split.seconds),
  },
  {
    what: "full extraction",
    articles,
    seconds: Number(full.seconds.toFixed(3)),
    "articles/s": Math.round(articles / full.seconds),
    "chars/s": Math.round(chars / full.seconds),
  },
]);
console.log(
  `drafts per round: ${full.value / rounds}; RATIO extraction / sentence split: ${(full.seconds / split.seconds).toFixed(1)}×`,
);
