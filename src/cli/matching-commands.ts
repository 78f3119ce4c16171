/**
 * Commands for names: search across scripts, matching over the registry, the review
 * queue, merges and their undoing.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_THRESHOLDS } from "../analytics/matching/link.ts";
import {
  acceptCandidate,
  ensureNameKeys,
  linkCandidates,
  mergePeople,
  rejectCandidate,
  reviewQueue,
  undoMerge,
} from "../services/matching.ts";
import { type SearchRole, searchPeople } from "../services/search.ts";
import type { CandidateStatus } from "../store/review-queue.ts";
import { parseWholeNumber } from "./arguments.ts";
import { formatOption, progress, withStore, write } from "./context.ts";
import { defaultFormat, type Format, renderRecord, renderRows } from "./output.ts";

const ACTOR = "cli";
const ROLES: SearchRole[] = ["public", "viewer", "editor", "admin"];
const STATUSES = ["pending", "accepted", "rejected", "linked", "all"] as const;

function parseProbability(value: string): number {
  const p = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !(p > 0 && p <= 1)) {
    throw new InvalidArgumentError(`expected a probability between 0 and 1, got "${value}"`);
  }
  return p;
}

function parseId(value: string): number {
  return parseWholeNumber(value);
}

export function registerMatchingCommands(program: Command): void {
  program
    .command("search")
    .description("find people by name in any script or spelling, best first")
    .argument("<name...>", "a name as written anywhere: Ціханоўскі, Тихановский, Tikhanovsky…")
    .option("--limit <n>", "most results", parseWholeNumber, 10)
    .addOption(
      new Option("--role <role>", "search as this role sees the registry")
        .choices(ROLES)
        .default("admin"),
    )
    .addOption(formatOption())
    .action(
      async (
        name: string[],
        options: { limit: number; role: SearchRole; format?: Format },
        command: Command,
      ) => {
        await withStore(command, true, async (store) => {
          await ensureNameKeys(store, progress("indexing names"));
          const hits = await searchPeople(store, name.join(" "), options);
          write(renderRows(hits, options.format ?? defaultFormat()));
        });
      },
    );

  program
    .command("match")
    .description(
      "find duplicate people in the registry: merge pairs above the threshold, queue those in the review band",
    )
    .option(
      "--threshold <p>",
      "probability at or above which a pair is merged",
      parseProbability,
      DEFAULT_THRESHOLDS.link,
    )
    .option(
      "--review-band <p>",
      "probability at or above which a pair goes to the review queue",
      parseProbability,
      DEFAULT_THRESHOLDS.review,
    )
    .option("--dry-run", "report what would be merged and queued, write nothing")
    .addOption(formatOption())
    .action(
      async (
        options: { threshold: number; reviewBand: number; dryRun?: boolean; format?: Format },
        command: Command,
      ) => {
        if (options.reviewBand > options.threshold) {
          throw new InvalidArgumentError("--review-band must be at or below --threshold");
        }
        await withStore(command, true, async (store) => {
          await ensureNameKeys(store, progress("indexing names"));
          const summary = await linkCandidates(store, {
            thresholds: { link: options.threshold, review: options.reviewBand },
            actor: ACTOR,
            dryRun: options.dryRun ?? false,
          });
          const format = options.format ?? defaultFormat();
          if (format === "json") {
            write(renderRecord(summary, format));
            return;
          }
          const verb = options.dryRun ? "would merge" : "merged";
          write(
            `${summary.people} people, ${summary.comparisons} pairs compared: ${verb} ` +
              `${summary.merged.length}, ${options.dryRun ? "would queue" : "queued"} ${summary.queued} ` +
              `for review (${summary.alreadyDecided} pairs already decided).\n`,
          );
          if (summary.merged.length > 0) write(renderRows(summary.merged, format));
        });
      },
    );

  const review = program.command("review").description("the review queue of possible duplicates");
  review
    .command("list")
    .description("pairs waiting for a decision (or decided), best first")
    .addOption(new Option("--status <status>", "which pairs").choices(STATUSES).default("pending"))
    .option("--limit <n>", "most pairs", parseWholeNumber, 50)
    .addOption(formatOption())
    .action(
      async (
        options: { status: (typeof STATUSES)[number]; limit: number; format?: Format },
        command: Command,
      ) => {
        await withStore(command, true, async (store) => {
          const rows = await reviewQueue(store, {
            status: options.status === "all" ? undefined : (options.status as CandidateStatus),
            limit: options.limit,
          });
          const format = options.format ?? defaultFormat();
          write(
            renderRows(
              format === "json"
                ? rows
                : rows.map(({ explanation: _, ...row }) => ({
                    ...row,
                    probability: Number(row.probability.toFixed(4)),
                    weight: Number(row.weight.toFixed(1)),
                  })),
              format,
            ),
          );
        });
      },
    );
  review
    .command("accept")
    .description("the pair is one person: merge them")
    .argument("<id>", "review candidate id", parseId)
    .option("--into <person>", "the person to keep (default: the pair's first id)")
    .option("--note <text>", "why")
    .addOption(formatOption())
    .action(
      async (
        id: number,
        options: { into?: string; note?: string; format?: Format },
        command: Command,
      ) => {
        await withStore(command, true, async (store) => {
          const outcome = await acceptCandidate(store, id, { actor: ACTOR, ...options });
          write(renderRecord(outcome, options.format ?? defaultFormat()));
        });
      },
    );
  review
    .command("reject")
    .description("the pair is two people: do not propose it again")
    .argument("<id>", "review candidate id", parseId)
    .option("--note <text>", "why")
    .action(async (id: number, options: { note?: string }, command: Command) => {
      await withStore(command, true, async (store) => {
        await rejectCandidate(store, id, { actor: ACTOR, note: options.note });
        write(`rejected review candidate #${id}\n`);
      });
    });

  program
    .command("merge")
    .description("merge person B into person A (A is kept); undo with unmerge")
    .argument("<a>", "id of the person to keep")
    .argument("<b>", "id of the person merged into A")
    .addOption(formatOption())
    .action(async (a: string, b: string, options: { format?: Format }, command: Command) => {
      await withStore(command, true, async (store) => {
        const outcome = await mergePeople(store, { into: a, from: b, actor: ACTOR });
        write(renderRecord(outcome, options.format ?? defaultFormat()));
      });
    });

  program
    .command("unmerge")
    .description("undo a merge: the merged person, their names and events come back")
    .argument("<merge-id>", "merge id (printed by merge, review accept and match)", parseId)
    .addOption(formatOption())
    .action(async (mergeId: number, options: { format?: Format }, command: Command) => {
      await withStore(command, true, async (store) => {
        const outcome = await undoMerge(store, mergeId, { actor: ACTOR });
        write(renderRecord(outcome, options.format ?? defaultFormat()));
      });
    });
}
