/**
 * Monitor counts: a monitor named in the sentence (Viasna) and a number of political
 * prisoners that no release word claims ("Viasna recensait environ 1265 prisonniers
 * politiques"), or an elliptic second figure ("compared with about 1,150"). Counts of
 * detentions, convictions or releases are not the stock a monitor count records.
 */
import { dayToIso } from "../../domain/partial-date.ts";
import { MONITORS } from "./actors.ts";
import {
  articleDatePenalty,
  assignDates,
  between,
  buildDraft,
  evidence,
  matches,
  type Penalty,
  peopleCounts,
  type SentenceContext,
} from "./context.ts";
import {
  AMOUNTS_TO,
  COMPARISON_CUES,
  NOT_A_COUNT_AFTER,
  NUMBER_OF,
  POLITICAL_PRISONERS,
  PRESENT_CUES,
} from "./lexicon.ts";
import type { NumberMention } from "./numbers.ts";
import { boundToRelease, releaseTriggers } from "./rules-release.ts";
import { has } from "./text.ts";
import type { Draft } from "./types.ts";

interface Figure {
  number: NumberMention;
  start: number;
  end: number;
  elliptic: boolean;
}

export function countRule(ctx: SentenceContext): Draft[] {
  const monitors = MONITORS.flatMap(({ name, re }) =>
    matches(ctx, re).map((m) => ({ name, span: m })),
  );
  const monitor = monitors[0];
  if (!monitor) return [];
  const triggers = releaseTriggers(ctx);
  const counts = peopleCounts(ctx);
  const figures: Figure[] = counts
    .filter((c) => c.political && !triggers.some((t) => boundToRelease(ctx, c, t)))
    .map((c) => ({ number: c.number, start: c.start, end: c.end, elliptic: false }));
  // "le nombre de prisonniers politiques s'élevait à 1 150": the noun before the number.
  for (const noun of matches(ctx, POLITICAL_PRISONERS[ctx.language])) {
    if (!NUMBER_OF[ctx.language].test(between(ctx, noun.start - 20, noun.start))) continue;
    const number = ctx.numbers.find(
      (n) => n.start >= noun.end && AMOUNTS_TO[ctx.language].test(between(ctx, noun.end, n.start)),
    );
    if (number && !figures.some((f) => f.number === number)) {
      figures.push({ number, start: number.start, end: number.end, elliptic: false });
    }
  }
  if (figures.length === 0) return [];
  for (const number of ctx.numbers) {
    if (counts.some((c) => c.number === number) || number.value < 10) continue;
    if (NOT_A_COUNT_AFTER.test(ctx.norm.slice(number.end, ctx.sentence.end))) continue;
    if (COMPARISON_CUES[ctx.language].test(between(ctx, number.start - 40, number.start))) {
      figures.push({ number, start: number.start, end: number.end, elliptic: true });
    }
  }
  figures.sort((a, b) => a.start - b.start);
  const dates = assignDates(ctx, figures);
  const present = has(
    PRESENT_CUES[ctx.language],
    between(ctx, ctx.sentence.start, ctx.sentence.end),
  );
  const drafts: Draft[] = [];
  figures.forEach((figure, index) => {
    const penalties: Penalty[] = [];
    const chosen = dates[index];
    let asOf: string;
    if (chosen) {
      asOf = chosen.pointDay ?? chosen.edtf;
      penalties.push(...chosen.penalties);
      if (chosen.pointDay !== null) {
        penalties.push({
          reason: `"${chosen.mention.text}" taken as ${chosen.pointDay}`,
          penalty: 0,
        });
      }
    } else if (ctx.published !== null) {
      asOf = dayToIso(ctx.published);
      penalties.push(
        present
          ? {
              reason: "no date: a count in the present tense, as of the article's date",
              penalty: 0.1,
            }
          : { reason: "no date in the sentence: as of the article's date", penalty: 0.2 },
      );
      penalties.push(...articleDatePenalty(ctx));
    } else {
      ctx.warnings.push(
        `count of ${figure.number.value} at offset ${figure.start} not drafted: no date and no article date`,
      );
      return;
    }
    if (figure.elliptic) {
      penalties.push({
        reason: "a second figure of the same count (no noun of its own)",
        penalty: 0.1,
      });
    }
    drafts.push(
      buildDraft(
        ctx,
        "monitor_count",
        {
          monitor: monitor.name,
          as_of: asOf,
          value: figure.number.value,
          qualifier: figure.number.qualifier,
        },
        penalties,
        [
          evidence(ctx, "monitor", monitor.span),
          evidence(ctx, "value", figure),
          evidence(ctx, "as_of", chosen?.mention),
        ],
      ),
    );
  });
  return drafts;
}
