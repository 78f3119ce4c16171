/**
 * Sanction measures: a sanction noun with a verb that imposes, eases or lifts it near it,
 * a sanctioning authority named in the sentence ("Washington" → US) and a target after
 * "visant", "on", "против"…  With no date in the sentence, an action taken "in response"
 * to a release is dated by that release (approximately); otherwise by the article's month.
 */
import { dayToIso } from "../../domain/partial-date.ts";
import { findTarget } from "./actors.ts";
import {
  articleDatePenalty,
  assignDates,
  between,
  buildDraft,
  evidence,
  matches,
  type Penalty,
  type SentenceContext,
} from "./context.ts";
import { MODAL, RESPONSE_CUES } from "./lexicon.ts";
import { ACTIONS, PARTIAL, SANCTIONS, TARGET_INTRO } from "./lexicon-policy.ts";
import { distance, has, type Span } from "./text.ts";
import type { Draft, MeasureAction } from "./types.ts";

/** A release drafted earlier in the article, which a later "in response" refers to. */
export interface EarlierRelease {
  date: string;
  start: number;
}

const VERBS: Record<MeasureAction, string> = {
  imposed: "imposes",
  eased: "eases",
  lifted: "lifts",
};

function nearestAction(ctx: SentenceContext, noun: Span) {
  let best: { action: MeasureAction; span: Span } | null = null;
  for (const [action, re] of ACTIONS[ctx.language]) {
    for (const m of matches(ctx, re)) {
      if (distance(m, noun) > 60) continue;
      if (!best || distance(m, noun) < distance(best.span, noun)) best = { action, span: m };
    }
  }
  return best;
}

export function measureRule(ctx: SentenceContext, earlier: EarlierRelease[]): Draft[] {
  const [noun] = matches(ctx, SANCTIONS[ctx.language]);
  if (!noun) return [];
  const found = nearestAction(ctx, noun);
  if (!found) return [];
  let { action } = found;
  const verb = found.span;
  if (has(MODAL[ctx.language], between(ctx, verb.start - 40, verb.start))) return [];
  // Lifting "certaines sanctions", "some sanctions", "частично": easing.
  const around = between(ctx, Math.min(verb.start, noun.start) - 12, Math.max(verb.end, noun.end));
  if (action === "lifted" && has(PARTIAL[ctx.language], around)) action = "eased";

  const from = Math.max(noun.end, verb.end);
  const intro = matches(ctx, TARGET_INTRO[ctx.language]).find(
    (m) => m.start >= Math.min(noun.start, verb.start) && m.start - from < 40,
  );
  const targetFrom = intro ? intro.end : from;
  const target = findTarget(between(ctx, targetFrom, ctx.sentence.end), targetFrom);
  const authorities = ctx.actors.filter(
    (a) => a.sanctioning && !(target && a.start < target.end && target.start < a.end),
  );
  const authority =
    authorities.filter((a) => a.end <= verb.start).at(-1) ??
    authorities.find((a) => a.start >= verb.end);
  if (!target || !authority) {
    ctx.warnings.push(
      `sanctions ${action} at offset ${verb.start} not drafted: ${authority ? "no target" : "no sanctioning authority"} named in the sentence`,
    );
    return [];
  }

  const penalties: Penalty[] = [];
  const relations = action === "imposed" ? (["at", "since"] as const) : (["at"] as const);
  const [chosen] = assignDates(ctx, [verb], [...relations]);
  let date: string;
  const sentence = between(ctx, ctx.sentence.start, ctx.sentence.end);
  const release = earlier.filter((r) => r.start <= ctx.sentence.end).at(-1);
  if (chosen) {
    date = chosen.edtf;
    penalties.push(...chosen.penalties);
  } else if (release && has(RESPONSE_CUES[ctx.language], sentence)) {
    date = `${release.date.replace(/[~?%]$/, "")}~`;
    penalties.push({
      reason: `no date: taken as a response to the release of ${release.date} mentioned before, approximately`,
      penalty: 0.2,
    });
  } else if (ctx.published !== null) {
    date = `${dayToIso(ctx.published).slice(0, 7)}~`;
    penalties.push({
      reason: "no date in the sentence: the article's month, approximately",
      penalty: 0.25,
    });
    penalties.push(...articleDatePenalty(ctx));
  } else {
    ctx.warnings.push(`sanctions ${action} at offset ${verb.start} not drafted: no date`);
    return [];
  }
  if (target.guessed) {
    penalties.push({ reason: `target "${target.name}" is not a known name`, penalty: 0.1 });
  }
  return [
    buildDraft(
      ctx,
      "measure",
      {
        authority: authority.name,
        target: target.name,
        kind: "sanctions",
        imposed: action === "imposed" ? date : null,
        eased: action === "eased" ? date : null,
        lifted: action === "lifted" ? date : null,
        description: `${authority.name} ${VERBS[action]} sanctions on ${target.name}`,
      },
      penalties,
      [
        evidence(ctx, "authority", authority),
        evidence(ctx, action, verb),
        evidence(ctx, "target", target),
        evidence(ctx, "kind", noun),
        evidence(ctx, action, chosen?.mention),
      ],
    ),
  ];
}
