/**
 * The reading half of an import, free of the database so that it can run on a worker
 * thread beside the writing half (import-run.ts): it reads each file of a plan in batches,
 * maps and validates every row, resolves its references (to rows earlier in the import,
 * or — through `lookUp` — in the database), and hands over the accepted rows of each table
 * as COPY text, with the problems it found.
 */
import type { FieldIssue } from "../domain/bundle-schema.ts";
import { copyLine, recordKey } from "../store/bulk-load.ts";
import { type CsvRecord, CsvSyntaxError, csvRecordBatches, decodeFile } from "./csv-records.ts";
import type {
  BundleKey,
  ImportPlan,
  InputFile,
  MappedRow,
  RowMapper,
  Target,
} from "./import-plan.ts";
import { eachReference, ReferenceBook, type RefKind, type Visit } from "./import-references.ts";
import type { ImportProblem } from "./import-report.ts";
import type { ImportProgress } from "./import-result.ts";
import { hashFields } from "./key-index.ts";

/** The accepted rows of one table from one file, ready to COPY. */
export interface TableBatch {
  key: BundleKey;
  file: string;
  lines: [number, number];
  /** Rows the file is estimated to hold, for the decision to bulk-load. */
  estimate: number;
  /** The rows' keys (their audit ids). */
  ids: string[];
  /** People whose names the rows write (their search keys are recomputed). */
  people: string[];
  /** The rows' COPY CSV, each line ended by a line break. */
  text: string;
  /** For a table that held rows before the import: the records and lines one by one. */
  records?: object[];
  copyLines?: string[];
}

export interface ProducerEvent {
  problems: ImportProblem[];
  tables: TableBatch[];
  progress: ImportProgress;
}

export interface ProducerSummary {
  files: string[];
  rows: number;
  rejectedRows: number;
  problems: number;
}

/** Which of these ids the database holds. */
export type LookUp = (wanted: Record<RefKind, string[]>) => Promise<Record<RefKind, string[]>>;

export interface ProducerOptions {
  partial: boolean;
  /** Rows per table batch handed over. */
  batchSize: number;
  /** Tables that held rows when the import began: their batches carry the records. */
  fullRecords: BundleKey[];
  /** Problems found before (the plan's): all or nothing hands over no rows after one. */
  problemsBefore: number;
  /**
   * Every id the database holds, of the kinds whose table was small enough to read whole
   * when the import began; the other kinds are looked up as rows refer to them.
   */
  inDatabase?: Partial<Record<RefKind, string[]>>;
}

interface Part {
  row: MappedRow;
  value: object | null;
  issues: FieldIssue[];
}

interface Pending {
  line: number;
  issues: FieldIssue[];
  parts: Part[];
}

interface TableBuffer {
  lines: string[];
  ids: string[];
  people: string[];
  records: object[] | null;
  first: number;
  last: number;
}

const READ_BATCH = 10_000;
/** Source lines a buffer may span before it is handed over (bounds the text it keeps). */
const MAX_SPAN = 100_000;
/** The value of a part that repeats an identical row taken before. */
const REPEAT: object = Object.freeze({});
const FILE_OF: Record<RefKind, string> = {
  person: "people.csv",
  source: "sources.csv",
  operation: "operations.csv",
};
const KIND_OF: Partial<Record<BundleKey, RefKind>> = {
  people: "person",
  sources: "source",
  operations: "operation",
};

export class Producer {
  private readonly book: ReferenceBook;
  private readonly plan: ImportPlan;
  private readonly options: ProducerOptions;
  private readonly lookUp: LookUp;
  private readonly full: ReadonlySet<BundleKey>;
  private readonly buffers = new Map<BundleKey, TableBuffer>();
  private problems: ImportProblem[] = [];
  private problemCount = 0;
  private rows = 0;
  private rejectedRows = 0;
  private bytesDone = 0;
  private readonly bytesTotal: number;
  private readonly files: string[] = [];
  private estimate = 0;

  constructor(plan: ImportPlan, options: ProducerOptions, lookUp: LookUp) {
    this.plan = plan;
    this.options = options;
    this.lookUp = lookUp;
    this.full = new Set(options.fullRecords);
    this.bytesTotal = plan.files.reduce((sum, f) => sum + f.bytes, 0);
    const producers: Record<RefKind, string[]> = { person: [], source: [], operation: [] };
    for (const file of plan.files) {
      for (const key of file.produces) {
        const kind = KIND_OF[key];
        if (kind && !producers[kind].includes(file.name)) producers[kind].push(file.name);
      }
    }
    this.book = new ReferenceBook((kind) => producers[kind].join(", ") || FILE_OF[kind]);
    for (const [kind, ids] of Object.entries(options.inDatabase ?? {})) {
      if (ids) this.book.preload(kind as RefKind, ids);
    }
  }

  /** All or nothing hands over no rows after the first problem (it will roll back). */
  private get writing(): boolean {
    return this.options.partial || this.options.problemsBefore + this.problemCount === 0;
  }

  private problem(p: ImportProblem): void {
    this.problems.push(p);
    this.problemCount++;
  }

  async *run(): AsyncGenerator<ProducerEvent, ProducerSummary> {
    for (const file of this.plan.files) yield* this.readFile(file);
    return {
      files: this.files,
      rows: this.rows,
      rejectedRows: this.rejectedRows,
      problems: this.problemCount,
    };
  }

  private event(file: InputFile, tables: TableBatch[]): ProducerEvent {
    const problems = this.problems;
    this.problems = [];
    return {
      problems,
      tables,
      progress: {
        file: file.name,
        bytesDone: this.bytesDone,
        bytesTotal: this.bytesTotal,
        rows: this.rows,
        rejectedRows: this.rejectedRows,
      },
    };
  }

  private async *readFile(file: InputFile): AsyncGenerator<ProducerEvent> {
    this.files.push(file.name);
    let mapper: RowMapper | null = null;
    let skip = file.skipLines;
    let fileBytes = 0;
    let fileChars = 0;
    let sampleRecords = 0;
    let sampleChars = 0;
    const text = decodeFile(file.path, file.encoding, (bytes, chars) => {
      fileBytes += bytes;
      fileChars += chars;
      this.bytesDone += bytes;
    });
    const fail = (line: number, message: string) =>
      this.problem({ file: file.name, line, column: "", message });
    const size = Math.min(READ_BATCH, this.options.batchSize);
    try {
      for await (const records of csvRecordBatches(text, size, file.delimiter)) {
        const pending: Pending[] = [];
        const wanted: Record<RefKind, Set<string>> = {
          person: new Set(),
          source: new Set(),
          operation: new Set(),
        };
        for (const record of records) {
          if (skip > 0) {
            skip--;
            continue;
          }
          if (!mapper) {
            const opened = file.open(record.fields, record.line);
            if (Array.isArray(opened)) {
              for (const p of opened) this.problem(p);
              yield this.event(file, []);
              return;
            }
            mapper = opened;
            continue;
          }
          if (sampleRecords < 1_000) {
            sampleRecords++;
            for (const field of record.fields) sampleChars += field.length + 1;
          }
          pending.push(this.validate(mapper, record, wanted));
        }
        // The file's rows, estimated from the length of those read so far.
        const bytesPerRow =
          (sampleChars / Math.max(1, sampleRecords)) * (fileBytes / Math.max(1, fileChars));
        this.estimate = Math.round(file.bytes / Math.max(1, bytesPerRow));
        await this.book.lookUp(wanted, this.lookUp);
        for (const entry of pending) this.resolve(file, entry);
        yield this.event(file, this.take(file, false));
      }
      if (!mapper) fail(0, "is empty: a header row is required");
    } catch (error) {
      if (error instanceof CsvSyntaxError) {
        fail(error.line, `not valid CSV: ${error.message}; the rest of the file was not read`);
      } else if ((error as { code?: string }).code === "ERR_ENCODING_INVALID_ENCODED_DATA") {
        fail(
          0,
          `is not valid ${file.encoding} text (within its first ${fileBytes.toLocaleString("en")} bytes): ` +
            `save it as UTF-8, or name its encoding (--encoding windows-1251, or "encoding" in a mapping)`,
        );
      } else {
        throw error;
      }
    }
    // A batch holds the rows of one file (its audit row names the file and lines).
    yield this.event(file, this.take(file, true));
  }

  /** Hands over the full buffers (or all of them at the end of a file). */
  private take(file: InputFile, all: boolean): TableBatch[] {
    const out: TableBatch[] = [];
    for (const [key, b] of this.buffers) {
      if (!this.writing) {
        this.buffers.delete(key);
        continue;
      }
      if (b.ids.length === 0) continue;
      // A buffer is handed over when full, or when it spans many source rows: its strings
      // are cut from the file's text, and keep the chunks they were cut from alive.
      const spans = b.last - b.first >= MAX_SPAN;
      if (!all && !spans && b.ids.length < this.options.batchSize) continue;
      this.buffers.delete(key);
      const batch: TableBatch = {
        key,
        file: file.name,
        lines: [b.first, b.last],
        estimate: this.estimate,
        ids: b.ids,
        people: b.people,
        text: `${b.lines.join("\n")}\n`,
      };
      if (b.records) {
        batch.records = b.records;
        batch.copyLines = b.lines;
      }
      out.push(batch);
    }
    return out;
  }

  private add(key: BundleKey, value: object, id: string, line: number): void {
    if (!this.writing) return;
    let b = this.buffers.get(key);
    if (!b) {
      b = {
        lines: [],
        ids: [],
        people: [],
        records: this.full.has(key) ? [] : null,
        first: line,
        last: line,
      };
      this.buffers.set(key, b);
    }
    b.lines.push(copyLine(key, value));
    b.ids.push(id);
    b.records?.push(value);
    if (key === "people") b.people.push(id);
    if (key === "names") b.people.push((value as { personId: string }).personId);
    b.last = line;
  }

  // Per-row state of validate() and resolve(), kept on the producer rather than allocated
  // for each of a million rows (allocation, then collection, was a third of the time).
  private wanted: Record<RefKind, Set<string>> | null = null;
  private rowFile = "";
  private rowLine = 0;
  private rowTarget: Target | null = null;
  private readonly rowProblems: ImportProblem[] = [];
  private readonly taken: { key: BundleKey; id: string; value: object }[] = [];

  private readonly want: Visit = (kind, _column, id) => {
    if (!this.book.imported(kind, id)) this.wanted?.[kind].add(id);
  };

  private readonly check: Visit = (kind, column, id) => {
    if (this.book.known(kind, id)) return;
    const message = this.book.problem(kind, id);
    if (message) this.rowProblem((this.rowTarget as Target).label(column), message);
  };

  private rowProblem(column: string, message: string): void {
    this.rowProblems.push({ file: this.rowFile, line: this.rowLine, column, message });
  }

  /** Maps and validates a record; notes the references the import does not hold yet. */
  private validate(
    mapper: RowMapper,
    record: CsvRecord,
    wanted: Record<RefKind, Set<string>>,
  ): Pending {
    this.wanted = wanted;
    const mapped = mapper.map(record.fields);
    const parts: Part[] = [];
    for (const row of mapped.rows) {
      if (row.target.repeats === "skip-identical" && row.issues.length === 0 && this.repeats(row)) {
        parts.push({ row, value: REPEAT, issues: row.issues });
        continue;
      }
      const result = row.target.validate(row.fields);
      if (result.ok && row.issues.length === 0) {
        eachReference(row.target.key, result.value, this.want);
        parts.push({ row, value: result.value, issues: row.issues });
        continue;
      }
      // A column the mapping could not read is reported once, not again by validation.
      const mappedColumns = new Set(row.issues.map((i) => i.column));
      const issues = result.ok
        ? row.issues
        : [...row.issues, ...result.issues.filter((i) => !mappedColumns.has(i.column))];
      parts.push({ row, value: null, issues });
    }
    return { line: record.line, issues: mapped.issues, parts };
  }

  /**
   * A row identical to one taken before (a person repeated on every row of their case):
   * taken again without validating it again.
   */
  private repeats(row: MappedRow): boolean {
    const at = row.target.header.indexOf("id");
    const id = at < 0 ? undefined : row.fields[at]?.trim();
    if (!id || row.target.key === "names") return false;
    const hash = this.book.hashOf(row.target.key, id);
    return hash !== undefined && hash === hashFields(row.fields);
  }

  /** Takes or rejects a source row, whole: duplicates, then references, in line order. */
  private resolve(file: InputFile, entry: Pending): void {
    const problems = this.rowProblems;
    const taken = this.taken;
    problems.length = 0;
    taken.length = 0;
    this.rowFile = file.name;
    this.rowLine = entry.line;
    for (const i of entry.issues) this.rowProblem(i.column, i.message);
    for (const { row, value, issues } of entry.parts) {
      const { target } = row;
      this.rowTarget = target;
      for (const i of issues) this.rowProblem(target.label(i.column), i.message);
      if (value === REPEAT || value === null || problems.length > 0) continue;
      const id = recordKey(target.key, value);
      const skipsRepeats = target.repeats === "skip-identical";
      const hash = skipsRepeats ? hashFields(row.fields) : null;
      const previous = this.book.previous(target.key, id);
      if (previous !== undefined) {
        if (skipsRepeats && this.book.hashOf(target.key, id) === hash) continue;
        if (target.key === "names") {
          const message = `duplicate name for this person (first at line ${previous})`;
          this.rowProblem(target.label("name"), message);
        } else {
          const other = skipsRepeats ? " with other values" : "";
          const message = `duplicate id "${id}"${other} (first at line ${previous})`;
          this.rowProblem(target.label("id"), message);
        }
        continue;
      }
      eachReference(target.key, value, this.check);
      if (problems.length > 0) continue;
      this.book.accept(target.key, id, entry.line, hash);
      taken.push({ key: target.key, id, value });
    }
    if (problems.length > 0) {
      for (const t of taken) this.book.forget(t.key, t.id);
      for (const { row } of entry.parts) {
        const at = row.target.header.indexOf("id");
        this.book.reject(row.target.key, row.fields[at]?.trim(), file.name, entry.line);
      }
      for (const p of problems) this.problem(p);
      this.rejectedRows++;
      return;
    }
    for (const t of taken) {
      this.rows++;
      this.add(t.key, t.value, t.id, entry.line);
    }
  }
}
