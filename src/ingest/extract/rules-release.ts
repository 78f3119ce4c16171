/**
 * Release operations: a release word ("libération", "pardoned", "помиловал") bound to a
 * count of people by nothing but small words ("l'amnistie de 25 personnes", "52 prisoners
 * were freed"), dated by the nearest date expression, with the kind from the words used
 * and the envoys named in the sentence as mediators.
 */
import type { OperationKind } from "../../domain/model.ts";
import { dayToIso } from "../../domain/partial-date.ts";
import { findEnvoys } from "./actors.ts";
import {
  articleDatePenalty,
  assignDates,
  between,
  buildDraft,
  evidence,
  matches,
  type Penalty,
  type PeopleCount,
  peopleCounts,
  type SentenceContext,
} from "./context.ts";
import {
  COUNT_TO_RELEASE,
  DEPORTATION_CUES,
  MODAL,
  NEGOTIATION_CUES,
  RELEASE_TO_COUNT,
  RELEASE_WORDS,
  SUBSET_CUES,
} from "./lexicon.ts";
import { has, type Range, type Span } from "./text.ts";
import type { Draft } from "./types.ts";

interface Trigger extends Span {
  kind: OperationKind | null;
}

export function releaseTriggers(ctx: SentenceContext): Trigger[] {
  const out: Trigger[] = [];
  for (const [kind, re] of RELEASE_WORDS[ctx.language]) {
    for (const m of matches(ctx, re)) {
      if (out.some((t) => t.start < m.end && m.start < t.end)) continue;
      // "could pardon", "pour obtenir la libération": wished for, not done.
      if (has(MODAL[ctx.language], between(ctx, m.start - 30, m.start))) continue;
      out.push({ kind, start: m.start, end: m.end, text: m.text });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether nothing but small words joins a release word and a count. */
export function boundToRelease(ctx: SentenceContext, count: Range, trigger: Range): boolean {
  if (trigger.end <= count.start) {
    return RELEASE_TO_COUNT[ctx.language].test(between(ctx, trigger.end, count.start));
  }
  if (count.end <= trigger.start) {
    return COUNT_TO_RELEASE[ctx.language].test(between(ctx, count.end, trigger.start));
  }
  return false;
}

/** Counts without a noun right before a release word: "52 were freed", "52 ont été libérés". */
function bareCounts(
  ctx: SentenceContext,
  triggers: Trigger[],
  counted: PeopleCount[],
): PeopleCount[] {
  const out: PeopleCount[] = [];
  for (const number of ctx.numbers) {
    if (counted.some((c) => c.number === number)) continue;
    if (triggers.some((t) => t.start >= number.end && boundToRelease(ctx, number, t))) {
      out.push({ number, noun: null, political: false, start: number.start, end: number.end });
    }
  }
  return out;
}

function operationKind(
  ctx: SentenceContext,
  kinds: (OperationKind | null)[],
  hasEnvoy: boolean,
): { kind: OperationKind; penalty: Penalty | null } {
  const sentence = between(ctx, ctx.sentence.start, ctx.sentence.end);
  if (kinds.includes("amnesty")) return { kind: "amnesty", penalty: null };
  if (hasEnvoy || has(NEGOTIATION_CUES[ctx.language], sentence)) {
    return { kind: "negotiated", penalty: null };
  }
  if (has(DEPORTATION_CUES[ctx.language], sentence)) return { kind: "deportation", penalty: null };
  if (kinds.includes("pardon")) return { kind: "pardon", penalty: null };
  return {
    kind: "other",
    penalty: { reason: "the kind of release is not stated", penalty: 0.15 },
  };
}

function describe(kind: OperationKind, count: string, mediators: string | null): string {
  switch (kind) {
    case "amnesty":
      return `Amnesty of ${count} people`;
    case "pardon":
      return `Pardon of ${count} people`;
    case "negotiated":
      return `${count} people released in negotiations${mediators ? ` involving ${mediators}` : ""}`;
    case "deportation":
      return `${count} people released and deported`;
    default:
      return `${count} people released`;
  }
}

const QUALIFIER_WORDS = {
  exact: "",
  approx: "about ",
  more_than: "more than ",
  fewer_than: "fewer than ",
};

export function releaseRule(ctx: SentenceContext): Draft[] {
  const triggers = releaseTriggers(ctx);
  if (triggers.length === 0) return [];
  // "dont 14 étrangers", "including 14 women": part of a count, not a release of its own.
  const counted = peopleCounts(ctx).filter(
    (c) => !SUBSET_CUES[ctx.language].test(between(ctx, c.start - 25, c.start)),
  );
  const candidates = [...counted, ...bareCounts(ctx, triggers, counted)];
  const bound: { count: PeopleCount; triggers: Trigger[] }[] = [];
  for (const count of candidates) {
    const mine = triggers.filter((t) => boundToRelease(ctx, count, t));
    if (mine.length > 0) bound.push({ count, triggers: mine });
  }
  if (bound.length === 0) return [];
  // "released since 2020" with no date of its own: a running total, not one operation.
  const since = ctx.dates.find((d) => d.relation === "since");
  if (since && !ctx.dates.some((d) => d.relation === "at")) {
    ctx.warnings.push(
      `release figure at offset ${bound[0]?.count.start} not drafted: a total "${since.text}", not one operation`,
    );
    return [];
  }
  const envoys = findEnvoys(
    ctx.norm.slice(ctx.sentence.start, ctx.sentence.end),
    ctx.sentence.start,
    ctx.language,
  );
  const mediators = envoys.length > 0 ? envoys.map((e) => e.name).join("; ") : null;
  const dates = assignDates(
    ctx,
    bound.map(({ count }) => count),
  );
  const drafts: Draft[] = [];
  bound.forEach(({ count, triggers: mine }, index) => {
    const penalties: Penalty[] = [];
    const { kind, penalty } = operationKind(
      ctx,
      mine.map((t) => t.kind),
      envoys.length > 0,
    );
    if (penalty) penalties.push(penalty);
    let date = dates[index]?.edtf ?? null;
    if (date !== null) penalties.push(...(dates[index]?.penalties ?? []));
    else if (ctx.published !== null) {
      date = `${dayToIso(ctx.published)}~`;
      penalties.push({
        reason: "no date in the sentence: the article's date, approximately",
        penalty: 0.25,
      });
      penalties.push(...articleDatePenalty(ctx));
    } else {
      ctx.warnings.push(
        `release of ${count.number.value} at offset ${count.start} not drafted: no date in the sentence and no article date`,
      );
      return;
    }
    if (count.number.qualifier !== "exact") {
      penalties.push({ reason: `the count is qualified ("${count.number.text}")`, penalty: 0.05 });
    }
    if (count.noun === null) {
      penalties.push({ reason: "the count names no people", penalty: 0.05 });
    }
    for (const envoy of envoys.filter((e) => e.declined)) {
      penalties.push({
        reason: `mediator "${envoy.text}" put back in the nominative as "${envoy.name}"`,
        penalty: 0.05,
      });
    }
    const value = count.number.value;
    drafts.push(
      buildDraft(
        ctx,
        "release_operation",
        {
          date,
          kind,
          announced_count: value,
          mediators,
          description: describe(
            kind,
            `${QUALIFIER_WORDS[count.number.qualifier]}${value}`,
            mediators,
          ),
        },
        penalties,
        [
          evidence(ctx, "kind", mine[0]),
          evidence(ctx, "announced_count", count),
          evidence(ctx, "date", dates[index]?.mention),
          ...envoys.map((e) => evidence(ctx, "mediators", e)),
        ],
      ),
    );
  });
  return drafts;
}
