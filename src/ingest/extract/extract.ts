/**
 * News-text extraction: from an article in French, English or Russian, drafts of release
 * operations, monitor counts, sanction measures and diplomatic events for a reviewer.
 * Rule-based and sentence by sentence, so that each draft can say where it came from and
 * what was inferred (docs/EXTRACTION.md).
 */
import { dayToIso } from "../../domain/partial-date.ts";
import { type ArticleContext, sentenceContext } from "./context.ts";
import { explicitDays } from "./dates.ts";
import { detectLanguage } from "./language.ts";
import { NOT_RELEASES } from "./lexicon.ts";
import { countRule } from "./rules-count.ts";
import { diplomacyRule } from "./rules-diplomacy.ts";
import { type EarlierRelease, measureRule } from "./rules-measure.ts";
import { releaseRule } from "./rules-release.ts";
import { splitSentences } from "./sentences.ts";
import { normalize } from "./text.ts";
import type { Draft, Extraction, Language, OperationPayload } from "./types.ts";

export interface ExtractOptions {
  /** The article's date (day number since 1970-01-01), against which relative dates resolve. */
  published?: number;
  language?: Language;
}

function mask(text: string, re: RegExp): string {
  return text.replace(re, (match) => " ".repeat(match.length));
}

function operation(draft: Draft): OperationPayload | null {
  return draft.kind === "release_operation" ? draft.payload : null;
}

/**
 * One release told twice (a headline, then the body) gives one draft: the same count, and
 * dates that agree or one of them only the article's date. The better-dated one is kept,
 * with the other's mediators.
 */
function mergeReleases(drafts: Draft[]): Draft[] {
  // A release dated by the article's date has no date evidence of its own.
  const undated = (d: Draft) => !d.evidence.some((e) => e.field === "date");
  const out: Draft[] = [];
  for (const draft of drafts) {
    const op = operation(draft);
    const twin = op
      ? out.find((other) => {
          const o = operation(other);
          if (!o || o.announced_count !== op.announced_count) return false;
          return o.date === op.date || undated(draft) || undated(other);
        })
      : undefined;
    if (!twin || !op) {
      out.push(draft);
      continue;
    }
    const keepNew = undated(twin) && !undated(draft);
    const [kept, other] = keepNew ? [draft, twin] : [twin, draft];
    const keptOp = operation(kept) as OperationPayload;
    const otherOp = operation(other) as OperationPayload;
    if (!keptOp.mediators && otherOp.mediators) keptOp.mediators = otherOp.mediators;
    kept.notes.push(`also reported at offset ${other.start}: "${other.sentence.slice(0, 80)}"`);
    if (keepNew) out[out.indexOf(twin)] = draft;
  }
  return out;
}

/** The latest full date written in the text: a fair guess at the article's date. */
function publicationFromText(text: string, language: Language): number | null {
  const days = explicitDays(text, language);
  return days.length === 0 ? null : Math.max(...days);
}

export function extract(text: string, options: ExtractOptions = {}): Extraction {
  const language = options.language ?? detectLanguage(text);
  let published = options.published ?? null;
  let publishedFrom: Extraction["publishedFrom"] = published === null ? "none" : "given";
  const warnings: string[] = [];
  if (published === null) {
    published = publicationFromText(text, language);
    if (published !== null) {
      publishedFrom = "text";
      warnings.push(
        `no article date given: relative dates resolved against ${dayToIso(published)}, the latest full date in the text`,
      );
    } else {
      warnings.push("no article date given nor found: relative dates cannot be resolved");
    }
  }
  const article: ArticleContext = {
    language,
    text,
    norm: mask(normalize(text), NOT_RELEASES[language]),
    published,
    publishedFrom,
    warnings,
  };
  const drafts: Draft[] = [];
  const releases: EarlierRelease[] = [];
  for (const sentence of splitSentences(text, language)) {
    const ctx = sentenceContext(article, sentence);
    const found = releaseRule(ctx);
    for (const draft of found) {
      const op = operation(draft);
      if (op) releases.push({ date: op.date, start: draft.start });
    }
    drafts.push(...found, ...countRule(ctx), ...measureRule(ctx, releases));
    drafts.push(...diplomacyRule(ctx, found.length > 0));
  }
  return {
    language,
    published: published === null ? null : dayToIso(published),
    publishedFrom,
    drafts: mergeReleases(drafts),
    warnings,
  };
}
