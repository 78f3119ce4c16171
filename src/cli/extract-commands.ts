/**
 * Commands for news-text extraction and its review queue: `extract FILE` prints (and with
 * --save, stores) the drafts read from an article; `drafts list|show|edit|accept|reject`
 * review them. Accepting creates the record with the article as its source.
 */
import { readFileSync } from "node:fs";
import { type Command, InvalidArgumentError, Option } from "commander";
import { isoToDay, PartialDateError } from "../domain/partial-date.ts";
import { type Draft, LANGUAGES, type Language } from "../ingest/extract/types.ts";
import {
  acceptDraft,
  DraftError,
  editDraft,
  extractDrafts,
  listDrafts,
  rejectDraft,
  saveDrafts,
} from "../services/extract.ts";
import { DRAFT_STATUSES, type DraftRow, type DraftStatus } from "../store/drafts.ts";
import { parseWholeNumber } from "./arguments.ts";
import { formatOption, withStore, write } from "./context.ts";
import { defaultFormat, type Format, renderRecord, renderRows } from "./output.ts";

const ACTOR = "cli";

function parseDay(value: string): number {
  try {
    return isoToDay(value);
  } catch (error) {
    if (error instanceof PartialDateError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** `--set field=value`, repeatable. */
function collectEdit(value: string, previous: Record<string, string> = {}) {
  const at = value.indexOf("=");
  if (at <= 0) throw new InvalidArgumentError(`expected field=value, got "${value}"`);
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1) };
}

/** Draft errors are the reviewer's to fix: their message, exit code 1, no stack trace. */
async function reported(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DraftError)) throw error;
    process.stderr.write(`turnstile: ${error.message}\n`);
    process.exitCode = 1;
  }
}

function fields(payload: object): string {
  return Object.entries(payload)
    .filter(([key, value]) => value !== null && key !== "description")
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
}

function short(text: string, length = 70): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function draftTable(drafts: readonly Draft[]) {
  return drafts.map((d, index) => ({
    "#": index + 1,
    kind: d.kind,
    confidence: d.confidence.toFixed(2),
    fields: fields(d.payload),
    sentence: short(d.sentence),
  }));
}

function rowTable(rows: readonly DraftRow[]) {
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    kind: row.kind,
    confidence: Number(row.confidence).toFixed(2),
    fields: fields(row.editedPayload ?? row.payload),
    record: row.recordId ?? "",
    sentence: short(row.sentence, 50),
  }));
}

function readArticle(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new DraftError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

interface ExtractOptions {
  published?: number;
  lang?: Language;
  format?: "table" | "json";
  save?: boolean;
  title?: string;
  url?: string;
  publisher?: string;
  sourceId?: string;
}

export function registerExtractCommands(program: Command): void {
  program
    .command("extract")
    .description(
      "read an article (French, English or Russian) and print draft records for review; --save queues them",
    )
    .argument("<file>", "the article as a UTF-8 text file")
    .option(
      "--published <date>",
      "the article's date YYYY-MM-DD (relative dates resolve against it)",
      parseDay,
    )
    .addOption(
      new Option("--lang <language>", "the article's language (detected if omitted)").choices(
        LANGUAGES,
      ),
    )
    .addOption(
      new Option("--format <format>", "output format (table on a terminal, else json)").choices([
        "table",
        "json",
      ]),
    )
    .option("--save", "store the article and its drafts in the review queue")
    .option("--title <title>", "the article's title (default: its first line)")
    .option("--url <url>", "where the article was published")
    .option("--publisher <name>", "who published it")
    .option("--source-id <id>", "id of the article's source row (default: article- and a hash)")
    .action(async (file: string, options: ExtractOptions, command: Command) => {
      await reported(async () => {
        const text = readArticle(file);
        const extraction = extractDrafts(text, {
          published: options.published,
          language: options.lang,
        });
        const format = options.format ?? (defaultFormat() === "table" ? "table" : "json");
        let saved: { articleSourceId: string; ids: number[]; alreadySaved: number } | null = null;
        if (options.save) {
          saved = await withStore(command, false, async (store) => {
            const result = await saveDrafts(
              store,
              {
                text,
                title: options.title,
                url: options.url,
                publisher: options.publisher,
                published: extraction.published,
                language: extraction.language,
                sourceId: options.sourceId,
              },
              extraction.drafts,
              { actor: ACTOR },
            );
            return {
              articleSourceId: result.articleSourceId,
              ids: result.saved.map((d) => d.id),
              alreadySaved: result.alreadySaved,
            };
          });
        }
        if (format === "json") {
          write(renderRecord({ ...extraction, saved }, "json"));
          return;
        }
        const when = extraction.published
          ? `article date ${extraction.published}${extraction.publishedFrom === "text" ? " (read from the text)" : ""}`
          : "no article date";
        write(
          `${file}: language ${extraction.language}, ${when}, ${extraction.drafts.length} drafts\n`,
        );
        if (extraction.drafts.length > 0) write(renderRows(draftTable(extraction.drafts), "table"));
        for (const warning of extraction.warnings) process.stderr.write(`note: ${warning}\n`);
        if (saved) {
          write(
            `saved ${saved.ids.length} drafts for review (ids ${saved.ids.join(", ") || "none"}) from article ${saved.articleSourceId}` +
              (saved.alreadySaved > 0 ? `; ${saved.alreadySaved} were saved before` : "") +
              "\n",
          );
        }
      });
    });

  const drafts = program.command("drafts").description("the review queue of extracted drafts");

  drafts
    .command("list")
    .description("list drafts (pending by default)")
    .addOption(
      new Option("--status <status>", "which drafts")
        .choices([...DRAFT_STATUSES, "all"])
        .default("pending"),
    )
    .option("--article <id>", "only the drafts of this article (its source id)")
    .addOption(formatOption())
    .action(
      async (
        options: { status: DraftStatus | "all"; article?: string; format?: Format },
        command: Command,
      ) => {
        await withStore(command, true, async (store) => {
          const rows = await listDrafts(store, {
            status: options.status === "all" ? undefined : options.status,
            articleSourceId: options.article,
          });
          const format = options.format ?? defaultFormat();
          write(
            format === "json" ? renderRecord(rows, "json") : renderRows(rowTable(rows), format),
          );
        });
      },
    );

  drafts
    .command("show")
    .description("one draft in full: payload, sentence, notes, evidence")
    .argument("<id>", "draft id", parseWholeNumber)
    .action(async (id: number, _options: object, command: Command) => {
      await reported(() =>
        withStore(command, true, async (store) => {
          const [row] = await listDrafts(store, { ids: [id] });
          if (!row) throw new DraftError(`no draft ${id}`, "not-found");
          write(renderRecord(row, "json"));
        }),
      );
    });

  drafts
    .command("edit")
    .description("change fields of a pending draft (validated) without accepting it")
    .argument("<id>", "draft id", parseWholeNumber)
    .requiredOption(
      "--set <field=value>",
      "a new value, as in a CSV cell (repeatable)",
      collectEdit,
    )
    .action(async (id: number, options: { set: Record<string, string> }, command: Command) => {
      await reported(() =>
        withStore(command, true, async (store) => {
          const row = await editDraft(store, id, { edits: options.set, actor: ACTOR });
          write(`draft ${id} edited: ${fields(row.editedPayload ?? row.payload)}\n`);
        }),
      );
    });

  drafts
    .command("accept")
    .description("accept a pending draft: create the record, with the article as its source")
    .argument("<id>", "draft id", parseWholeNumber)
    .option(
      "--set <field=value>",
      "change a field first, as in a CSV cell (repeatable)",
      collectEdit,
    )
    .addOption(formatOption())
    .action(
      async (
        id: number,
        options: { set?: Record<string, string>; format?: Format },
        command: Command,
      ) => {
        await reported(() =>
          withStore(command, true, async (store) => {
            const result = await acceptDraft(store, id, { edits: options.set, actor: ACTOR });
            if ((options.format ?? defaultFormat()) === "json") {
              write(renderRecord(result, "json"));
              return;
            }
            const what =
              result.action === "created"
                ? `created ${result.kind} ${result.recordId}`
                : `the registry already had it as ${result.kind} ${result.recordId}: the article was added to its sources`;
            const source = result.sourceCreated ? " (source created)" : "";
            write(
              `draft ${id} accepted: ${what}, citing ${result.draft.articleSourceId}${source}\n`,
            );
          }),
        );
      },
    );

  drafts
    .command("reject")
    .description("reject a pending draft; the registry is not changed")
    .argument("<id>", "draft id", parseWholeNumber)
    .action(async (id: number, _options: object, command: Command) => {
      await reported(() =>
        withStore(command, true, async (store) => {
          await rejectDraft(store, id, { actor: ACTOR });
          write(`draft ${id} rejected\n`);
        }),
      );
    });
}
