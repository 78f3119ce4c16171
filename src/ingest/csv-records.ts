/**
 * A streaming CSV reader (RFC 4180: `,` between fields — or another one-character
 * delimiter, such as the `;` of spreadsheets saved in Russian or Belarusian locales — `"`
 * quotes, `""` for a quote inside a quoted field, lines ending in `\n` or `\r\n`) that
 * gives each record with its line number, in bounded memory. A lone `\r` is data.
 *
 * It reads exactly what the bundle reader's csv-parse options read (`bom`,
 * `skip_empty_lines`, `relax_column_count`; a record's line is the line it ends on) and a
 * property test holds the two to the same records. It exists for speed: a line without a
 * quote — most lines — is split by the engine's native `String.split`, several times
 * faster than csv-parse, which is the largest cost of a million-row import otherwise.
 */

import { createReadStream } from "node:fs";

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record ends on (the header is line 1). */
  line: number;
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = "CsvSyntaxError";
    this.line = line;
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Incremental parser: feed decoded text with {@link push}, then call {@link end}. */
export class CsvRecordParser {
  private buffer = "";
  private line = 0;
  private started = false;
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  /** A syntax error met after some good records: thrown on the next call. */
  private failure: CsvSyntaxError | null = null;

  constructor(delimiter = ",") {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new RangeError(`a CSV delimiter is one character other than a quote or line break`);
    }
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The complete records in `chunk` (and what was left over from earlier chunks). */
  push(chunk: string): CsvRecord[] {
    if (this.failure) throw this.failure;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buffer = this.buffer === "" ? chunk : this.buffer + chunk;
    return this.drain(false);
  }

  /** The last record, when the text does not end with a line break. */
  end(): CsvRecord[] {
    if (this.failure) throw this.failure;
    const records = this.drain(true);
    this.buffer = "";
    return records;
  }

  /** The records before a syntax error come out first; the error on the next call. */
  private drain(final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    try {
      this.drainInto(records, final);
    } catch (error) {
      if (!(error instanceof CsvSyntaxError) || records.length === 0) throw error;
      this.failure = error;
      this.buffer = "";
    }
    return records;
  }

  private drainInto(records: CsvRecord[], final: boolean): void {
    const text = this.buffer;
    const length = text.length;
    let pos = 0;
    let nextQuote = text.indexOf('"');
    if (nextQuote < 0) nextQuote = length;
    while (pos < length) {
      let newline = text.indexOf("\n", pos);
      if (newline < 0) {
        if (!final) break;
        newline = length;
      }
      if (nextQuote < pos) {
        nextQuote = text.indexOf('"', pos);
        if (nextQuote < 0) nextQuote = length;
      }
      if (nextQuote >= newline) {
        // Fast path: a line without quotes.
        const end = newline > pos && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
        this.line++;
        if (end > pos)
          records.push({ fields: text.slice(pos, end).split(this.delimiter), line: this.line });
        pos = newline + 1;
        continue;
      }
      const parsed = this.parseQuoted(text, pos, final);
      if (parsed === null) break;
      if (parsed.record) records.push(parsed.record);
      pos = parsed.next;
    }
    this.buffer = pos >= length ? "" : text.slice(pos);
  }

  /**
   * Parses one record that holds a quote, starting at `start`. Returns null when the
   * record continues beyond the text (more input is needed).
   */
  private parseQuoted(
    text: string,
    start: number,
    final: boolean,
  ): { record: CsvRecord | null; next: number } | null {
    const DELIMITER = this.delimiterCode;
    const fields: string[] = [];
    let lines = 0;
    let i = start;
    const length = text.length;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            if (!final) return null;
            throw new CsvSyntaxError(
              this.line + 1,
              `a quoted field opened on line ${this.line + 1} is never closed`,
            );
          }
          if (close + 1 >= length && !final) return null;
          lines += countLines(text, from, close);
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        fields.push(value);
        const c = text.charCodeAt(i);
        if (c === DELIMITER) {
          i++;
          continue;
        }
        if (i >= length || c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) {
          return this.finish(text, fields, lines, i);
        }
        if (c === CR && i + 1 >= length) {
          if (!final) return null;
          return this.finish(text, fields, lines, i);
        }
        throw new CsvSyntaxError(
          this.line + lines + 1,
          `unexpected ${JSON.stringify(text[i])} after the closing quote of field ${fields.length}: a quoted field must end at a delimiter or the end of the line`,
        );
      }
      // An unquoted field: up to the next comma or line break.
      let end = i;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === DELIMITER || c === LF) break;
        if (c === QUOTE) {
          throw new CsvSyntaxError(
            this.line + lines + 1,
            `a quote inside unquoted field ${fields.length + 1} (${JSON.stringify(text.slice(i, end + 1))}): quote the whole field and double the quotes inside it`,
          );
        }
        end++;
      }
      if (end >= length && !final) return null;
      const c = text.charCodeAt(end);
      if (c === DELIMITER) {
        fields.push(text.slice(i, end));
        i = end + 1;
        continue;
      }
      const stop = end > i && text.charCodeAt(end - 1) === CR ? end - 1 : end;
      fields.push(text.slice(i, stop));
      return this.finish(text, fields, lines, end);
    }
  }

  /** Ends a record at `at` (a line break, or the end of the text). */
  private finish(
    text: string,
    fields: string[],
    lines: number,
    at: number,
  ): { record: CsvRecord; next: number } {
    this.line += lines + 1;
    const next = text.charCodeAt(at) === CR ? at + 2 : at + 1;
    return { record: { fields, line: this.line }, next: Math.min(next, text.length) };
  }
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf("\n", from); at >= 0 && at < to; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

/**
 * Records of a stream of decoded text, in batches of about `batchSize`, so that the
 * consumer's memory is bounded by one batch.
 */
export async function* csvRecordBatches(
  chunks: AsyncIterable<string>,
  batchSize = 10_000,
  delimiter = ",",
): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvRecordParser(delimiter);
  let batch: CsvRecord[] = [];
  try {
    for await (const chunk of chunks) {
      for (const record of parser.push(chunk)) {
        batch.push(record);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    for (const record of parser.end()) batch.push(record);
  } catch (error) {
    // The good records before a syntax error are read before the error is reported.
    if (batch.length > 0) yield batch;
    throw error;
  }
  if (batch.length > 0) yield batch;
}

/**
 * A copy of a string that does not keep alive the chunk of file text it was cut from: V8
 * makes a substring of 13 characters or more a view into its parent, so a field kept in a
 * cache or index for the whole import would keep the megabytes of text around it. Use it
 * for every string that outlives its batch.
 */
export function detach(text: string): string {
  return text.length >= 13 ? `${text} `.slice(0, -1) : text;
}

/**
 * A file's text, decoded, in chunks of about a megabyte; `onRead` counts the bytes read
 * and characters made. Bytes not valid in the encoding throw (no replacement characters).
 */
export async function* decodeFile(
  path: string,
  encoding: string,
  onRead: (bytes: number, chars: number) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    onRead((chunk as Buffer).length, text.length);
    yield text;
  }
  yield decoder.decode();
}
