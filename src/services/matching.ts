/**
 * Record linkage on the registry: find the registry people that incoming records are,
 * find duplicates within the registry (merge the certain ones, queue the likely ones for
 * review), decide on the queue, merge and unmerge. Scoring lives in src/analytics/matching;
 * this module only loads, decides and writes.
 */
import type { Comparison } from "../analytics/matching/compare.ts";
import { fitModel } from "../analytics/matching/estimate.ts";
import { type MatchRecord, recordFeatures } from "../analytics/matching/features.ts";
import {
  buildIndex,
  DEFAULT_THRESHOLDS,
  findDuplicatePairs,
  type IncomingResult,
  matchIncoming,
  mayAutoLink,
  type Thresholds,
} from "../analytics/matching/link.ts";
import { defaultModel, type MatchModel } from "../analytics/matching/model.ts";
import type { Gender } from "../domain/names/parse.ts";
import type { Store } from "../store/connection.ts";
import { MergeError, type MergeOutcome, mergePersonRecords } from "../store/merges.ts";
import {
  linkageRows,
  NAME_KEY_VERSION,
  nameKeyVersion,
  rebuildNameKeys,
  refreshMissingNameKeys,
} from "../store/names.ts";
import {
  type CandidateStatus,
  candidateOfMerge,
  decidedPairs,
  getCandidate,
  listCandidates,
  setCandidateStatus,
  upsertCandidates,
} from "../store/review-queue.ts";
import { type UnmergeOutcome, undoPersonMerge } from "../store/unmerge.ts";

export { MergeError };

/** Share of registry records expected to be duplicates of another (the dedup prior). */
export const DUPLICATE_SHARE = 0.05;

/**
 * Makes the name keys usable: rebuilds them all when they were never built or built by
 * another version of the key algorithm, else keys the people that have none yet.
 */
export async function ensureNameKeys(
  store: Store,
  onProgress?: (done: number, total: number) => void,
): Promise<{ rebuilt: boolean; people: number }> {
  if ((await nameKeyVersion(store)) === NAME_KEY_VERSION) {
    const people = await store.transaction((tx) => refreshMissingNameKeys(tx));
    return { rebuilt: false, people };
  }
  const people = await store.transaction((tx) => rebuildNameKeys(tx, onProgress));
  return { rebuilt: true, people };
}

/** The registry as records to link. */
export async function loadRegistryRecords(store: Store): Promise<MatchRecord[]> {
  const rows = await linkageRows(store);
  return rows.map((row) => ({
    id: row.id,
    names: row.names,
    birth:
      row.birthFirst === null || row.birthLast === null
        ? null
        : { first: row.birthFirst, last: row.birthLast },
    region: row.region,
    gender: row.gender === "male" || row.gender === "female" ? (row.gender as Gender) : null,
  }));
}

export interface FindMatchesOptions {
  thresholds?: Thresholds;
  /** Share of incoming records expected to be in the registry (default 0.5). */
  inRegistry?: number;
  maxCandidates?: number;
}

/**
 * The registry people each incoming record may be, best first, with a decision (link,
 * review, none) and the explanation of each candidate's score.
 */
export async function findMatches(
  store: Store,
  incoming: readonly MatchRecord[],
  options: FindMatchesOptions = {},
): Promise<IncomingResult[]> {
  const registry = (await loadRegistryRecords(store)).map(recordFeatures);
  const model = fitModel(registry, defaultModel(registry.length, options.inRegistry));
  const { results } = matchIncoming(buildIndex(registry), model, incoming.map(recordFeatures), {
    thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
    maxCandidates: options.maxCandidates,
  });
  return results;
}

export interface LinkOptions {
  thresholds?: Thresholds;
  actor: string;
  /** Compute and report, write nothing. */
  dryRun?: boolean;
}

export interface LinkSummary {
  people: number;
  comparisons: number;
  /** Pairs at or above the review threshold (decided pairs excluded). */
  pairs: number;
  merged: { mergeId: number | null; into: string; from: string; probability: number }[];
  queued: number;
  alreadyDecided: number;
  model: Pick<MatchModel, "prior" | "inRegistry">;
}

function explanationOf(c: Comparison): unknown {
  return { weight: c.weight, levels: c.levels, fields: c.fields };
}

function orderedKey(a: string, b: string): string {
  return a < b ? `${a}/${b}` : `${b}/${a}`;
}

/** Groups linked pairs into clusters; each cluster keeps its smallest id. */
function clusters(pairs: readonly Comparison[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root)
      root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  for (const { leftId, rightId } of pairs) {
    const a = find(leftId);
    const b = find(rightId);
    if (a !== b) {
      if (a < b) parent.set(b, a);
      else parent.set(a, b);
    }
  }
  const survivor = new Map<string, string>();
  for (const id of parent.keys()) survivor.set(id, find(id));
  return survivor;
}

/**
 * Finds duplicates within the registry. Pairs at or above the link threshold that may be
 * linked automatically are merged (each cluster into its smallest id); the others at or
 * above the review threshold go to the review queue. Pairs a reviewer already decided are
 * left alone. One transaction: all of it, or nothing.
 */
export async function linkCandidates(store: Store, options: LinkOptions): Promise<LinkSummary> {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const registry = (await loadRegistryRecords(store)).map(recordFeatures);
  const model = fitModel(registry, defaultModel(registry.length, DUPLICATE_SHARE));
  const { pairs, stats } = findDuplicatePairs(buildIndex(registry), model, { thresholds });
  const decided = await decidedPairs(store);
  const open = pairs.filter((p) => !decided.has(orderedKey(p.leftId, p.rightId)));
  const automatic = open.filter((p) => p.probability >= thresholds.link && mayAutoLink(p));
  const queued = open.filter((p) => !automatic.includes(p));
  const survivors = clusters(automatic);
  const summary: LinkSummary = {
    people: registry.length,
    comparisons: stats.comparisons,
    pairs: open.length,
    merged: [],
    queued: queued.length,
    alreadyDecided: pairs.length - open.length,
    model: { prior: model.prior, inRegistry: model.inRegistry },
  };
  const byPair = new Map(automatic.map((p) => [orderedKey(p.leftId, p.rightId), p]));
  for (const [id, root] of survivors) {
    if (id === root) continue;
    const direct = byPair.get(orderedKey(id, root));
    const touching = automatic.filter((p) => p.leftId === id || p.rightId === id);
    summary.merged.push({
      mergeId: null,
      into: root,
      from: id,
      probability: direct?.probability ?? Math.max(...touching.map((p) => p.probability)),
    });
  }
  if (options.dryRun) return summary;

  await store.transaction(async (tx) => {
    const written = await upsertCandidates(
      tx,
      [
        ...automatic.map((p) => ({ ...candidateOf(p), status: "linked" as const })),
        ...queued.map((p) => ({ ...candidateOf(p), status: "pending" as const })),
      ],
      options.actor,
    );
    for (const merge of summary.merged) {
      const candidate = written.get(orderedKey(merge.into, merge.from));
      const outcome = await mergePersonRecords(tx, {
        into: merge.into,
        from: merge.from,
        actor: options.actor,
        candidateId: candidate?.id ?? null,
      });
      merge.mergeId = outcome.mergeId;
      if (candidate) {
        await setCandidateStatus(tx, candidate.id, {
          status: "linked",
          actor: options.actor,
          mergeId: outcome.mergeId,
        });
      }
    }
  });
  return summary;
}

function candidateOf(c: Comparison) {
  return {
    leftId: c.leftId,
    rightId: c.rightId,
    probability: c.probability,
    weight: c.weight,
    explanation: explanationOf(c),
  };
}

/** The review queue (pending pairs by default), best first. */
export async function reviewQueue(
  store: Store,
  options: { status?: CandidateStatus; limit?: number; offset?: number } = {},
) {
  return listCandidates(store, {
    status: options.status ?? "pending",
    limit: options.limit ?? 50,
    offset: options.offset,
  });
}

async function pendingCandidate(store: Store, id: number) {
  const candidate = await getCandidate(store, id);
  if (!candidate) throw new MergeError(`no review candidate #${id}`, "not-found");
  if (candidate.status !== "pending") {
    throw new MergeError(
      `review candidate #${id} was already decided: ${candidate.status} by ${candidate.decidedBy} at ${candidate.decidedAt}`,
    );
  }
  return candidate;
}

/**
 * Accepts a pending pair: the two are one person. Merges `into` (default the pair's left
 * id) and records the decision.
 */
export async function acceptCandidate(
  store: Store,
  id: number,
  options: { actor: string; into?: string; note?: string },
): Promise<MergeOutcome> {
  const candidate = await pendingCandidate(store, id);
  const into = options.into ?? candidate.leftId;
  if (into !== candidate.leftId && into !== candidate.rightId) {
    throw new MergeError(
      `--into must be one of the pair: "${candidate.leftId}" or "${candidate.rightId}"`,
      "invalid-into",
    );
  }
  const from = into === candidate.leftId ? candidate.rightId : candidate.leftId;
  return store.transaction(async (tx) => {
    const outcome = await mergePersonRecords(tx, {
      into,
      from,
      actor: options.actor,
      candidateId: id,
    });
    await setCandidateStatus(tx, id, {
      status: "accepted",
      actor: options.actor,
      mergeId: outcome.mergeId,
      note: options.note ?? null,
    });
    return outcome;
  });
}

/** Rejects a pending pair: two different people. It is not proposed again. */
export async function rejectCandidate(
  store: Store,
  id: number,
  options: { actor: string; note?: string },
): Promise<void> {
  await pendingCandidate(store, id);
  await store.transaction((tx) =>
    setCandidateStatus(tx, id, {
      status: "rejected",
      actor: options.actor,
      note: options.note ?? null,
    }),
  );
}

/** Merges person `from` into person `into` (by hand). */
export async function mergePeople(
  store: Store,
  options: { into: string; from: string; actor: string },
): Promise<MergeOutcome> {
  return store.transaction((tx) => mergePersonRecords(tx, options));
}

/**
 * Undoes a merge. A pair merged from the review queue or automatically is marked rejected:
 * whoever undoes a merge says the two are different people, and matching will not merge
 * them again.
 */
export async function undoMerge(
  store: Store,
  mergeId: number,
  options: { actor: string },
): Promise<UnmergeOutcome> {
  return store.transaction(async (tx) => {
    const outcome = await undoPersonMerge(tx, mergeId, options.actor);
    const candidate = await candidateOfMerge(tx, mergeId);
    if (candidate) {
      await setCandidateStatus(tx, candidate.id, {
        status: "rejected",
        actor: options.actor,
        note: `merge #${mergeId} undone`,
      });
    }
    return outcome;
  });
}
