/**
 * Diplomatic events: embassy steps ("envisage la réouverture de son ambassade à Minsk"),
 * visits and talks, with their actors (envoys and leaders by name, else states). A sentence
 * that reports a negotiated release gives the release, not a separate "talks" event.
 */
import { dayToIso } from "../../domain/partial-date.ts";
import { type ActorMention, findEnvoys, findPlace } from "./actors.ts";
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
import { MODAL } from "./lexicon.ts";
import { CONSIDERED, EMBASSY, EMBASSY_STEPS, TALKS, VISIT } from "./lexicon-policy.ts";
import { distance, has, type Span } from "./text.ts";
import type { Draft } from "./types.ts";

function dated(
  ctx: SentenceContext,
  anchor: Span,
): { date: string | null; penalties: Penalty[]; mention: Span | null } {
  const [chosen] = assignDates(ctx, [anchor]);
  if (chosen) return { date: chosen.edtf, penalties: chosen.penalties, mention: chosen.mention };
  if (ctx.published === null) return { date: null, penalties: [], mention: null };
  return {
    date: `${dayToIso(ctx.published).slice(0, 7)}~`,
    penalties: [
      { reason: "no date in the sentence: the article's month, approximately", penalty: 0.15 },
      ...articleDatePenalty(ctx),
    ],
    mention: null,
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function embassy(ctx: SentenceContext, trigger: Span): Draft | null {
  let step: { name: string; span: Span } | null = null;
  for (const [name, re] of EMBASSY_STEPS[ctx.language]) {
    for (const m of matches(ctx, re)) {
      if (distance(m, trigger) > 40) continue;
      if (!step || distance(m, trigger) < distance(step.span, trigger)) step = { name, span: m };
    }
  }
  if (!step) return null;
  const clause = between(ctx, Math.min(step.span.start, trigger.start) - 40, step.span.start);
  const considered = has(CONSIDERED[ctx.language], clause);
  const placeText = between(ctx, trigger.end, trigger.end + 40);
  const place = findPlace(placeText, trigger.end);
  const owners = ctx.actors.filter(
    (a) => a.kind === "state" && !(place && a.start === place.start) && a.name !== "Belarus",
  );
  const owner = owners.filter((a) => a.end <= step.span.start).at(-1) ?? owners[0];
  if (!owner) return null;
  const { date, penalties, mention } = dated(ctx, step.span);
  if (date === null) return null;
  const verb =
    step.name === "reopening"
      ? considered
        ? "considers reopening"
        : "reopens"
      : considered
        ? "considers closing"
        : "closes";
  return buildDraft(
    ctx,
    "diplomatic_event",
    {
      date,
      kind: "embassy",
      actors: owner.name,
      description: `${owner.name} ${verb} its embassy${place ? ` in ${place.name}` : ""}`,
    },
    penalties,
    [
      evidence(ctx, "kind", trigger),
      evidence(ctx, "description", step.span),
      evidence(ctx, "actors", owner),
      evidence(ctx, "date", mention),
    ],
  );
}

function actorsOf(ctx: SentenceContext, exclude: Span | null): { names: string[]; spans: Span[] } {
  const envoys = findEnvoys(
    ctx.norm.slice(ctx.sentence.start, ctx.sentence.end),
    ctx.sentence.start,
    ctx.language,
  );
  const people = ctx.actors.filter((a) => a.kind === "person");
  const named = [...envoys, ...people].sort((a, b) => a.start - b.start);
  if (named.length > 0) return { names: unique(named.map((n) => n.name)), spans: named };
  const states = ctx.actors.filter(
    (a: ActorMention) => !(exclude && a.start < exclude.end && exclude.start < a.end),
  );
  return { names: unique(states.map((s) => s.name)), spans: states };
}

function meeting(ctx: SentenceContext, trigger: Span, kind: "visit" | "negotiation"): Draft | null {
  const place = findPlace(between(ctx, ctx.sentence.start, ctx.sentence.end), ctx.sentence.start);
  const { names, spans } = actorsOf(ctx, place);
  // Talks take two sides; a visit at least a visitor.
  if (names.length < (kind === "negotiation" ? 2 : 1)) return null;
  const { date, penalties, mention } = dated(ctx, trigger);
  if (date === null) return null;
  const actors = names.join("; ");
  const description =
    kind === "visit"
      ? `Visit${place ? ` to ${place.name}` : ""}: ${names.join(", ")}`
      : `Talks between ${names.join(" and ")}${place ? ` in ${place.name}` : ""}`;
  return buildDraft(ctx, "diplomatic_event", { date, kind, actors, description }, penalties, [
    evidence(ctx, "kind", trigger),
    ...spans.map((s) => evidence(ctx, "actors", s)),
    evidence(ctx, "date", mention),
  ]);
}

export function diplomacyRule(ctx: SentenceContext, sentenceHasRelease: boolean): Draft[] {
  const drafts: Draft[] = [];
  const [embassyWord] = matches(ctx, EMBASSY[ctx.language]);
  const step = embassyWord ? embassy(ctx, embassyWord) : null;
  if (step) drafts.push(step);
  const [visit] = matches(ctx, VISIT[ctx.language]);
  const visitDraft = visit ? meeting(ctx, visit, "visit") : null;
  if (visitDraft) drafts.push(visitDraft);
  const [talks] = matches(ctx, TALKS[ctx.language]);
  const wished = talks && has(MODAL[ctx.language], between(ctx, talks.start - 50, talks.start));
  if (talks && !wished && !sentenceHasRelease && !visitDraft && !step) {
    const talksDraft = meeting(ctx, talks, "negotiation");
    if (talksDraft) drafts.push(talksDraft);
  }
  return drafts;
}
