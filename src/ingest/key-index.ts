/**
 * A set of keys with a number for each (the line it was first seen on, a hash of its row),
 * kept as 64-bit hashes in typed arrays. A JavaScript Map of a million strings costs about 2.5 µs an
 * insertion here, most of it garbage collection (the map's huge backing store points at
 * young strings); this costs a tenth of that and nothing to collect.
 *
 * Two keys with the same 64-bit hash are taken for one: for a million keys the chance of
 * that is about 3 in 100 million (n² / 2⁶⁵). It would show as a false "duplicate id"
 * problem, or as a reference taken for resolved that the database's foreign key then
 * refuses — never as wrong data written.
 */

const EMPTY = 0;

export class KeyIndex {
  private high = new Uint32Array(1 << 10);
  private low = new Uint32Array(1 << 10);
  private values = new Float64Array(1 << 10);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The slot of the key's hash: where it is, or the empty slot where it would go. */
  private slot(high: number, low: number): number {
    const mask = this.high.length - 1;
    let at = (high ^ Math.imul(low, 0x9e3779b1)) & mask;
    for (;;) {
      const h = this.high[at] as number;
      if (h === EMPTY || (h === high && this.low[at] === low)) return at;
      at = (at + 1) & mask;
    }
  }

  get(key: string): number | undefined {
    hash(key);
    const at = this.slot(HIGH, LOW);
    return this.high[at] === EMPTY ? undefined : (this.values[at] as number);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: number): void {
    hash(key);
    const at = this.slot(HIGH, LOW);
    if (this.high[at] === EMPTY) {
      this.high[at] = HIGH;
      this.low[at] = LOW;
      this.count++;
    }
    this.values[at] = value;
    if (this.count * 2 > this.high.length) this.grow();
  }

  /** Removes a key (rare: the rest of its source row was rejected). */
  delete(key: string): void {
    hash(key);
    const at = this.slot(HIGH, LOW);
    if (this.high[at] === EMPTY) return;
    // Linear probing: re-insert the run after the hole so that later keys stay reachable.
    this.high[at] = EMPTY;
    this.count--;
    const mask = this.high.length - 1;
    for (let next = (at + 1) & mask; this.high[next] !== EMPTY; next = (next + 1) & mask) {
      const high = this.high[next] as number;
      const low = this.low[next] as number;
      const value = this.values[next] as number;
      this.high[next] = EMPTY;
      const to = this.slot(high, low);
      this.high[to] = high;
      this.low[to] = low;
      this.values[to] = value;
    }
  }

  private grow(): void {
    const { high, low, values } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(high.length * 2);
    this.values = new Float64Array(high.length * 2);
    for (let i = 0; i < high.length; i++) {
      const h = high[i] as number;
      if (h === EMPTY) continue;
      const to = this.slot(h, low[i] as number);
      this.high[to] = h;
      this.low[to] = low[i] as number;
      this.values[to] = values[i] as number;
    }
  }
}

// The hash of the last key, in two 32-bit halves (module state: no allocation per call).
let HIGH = 0;
let LOW = 0;

/** FNV-1a and a multiply–xor hash side by side over the UTF-16 code units; HIGH is never 0. */
function hash(key: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= key.length;
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a ^= a >>> 13;
  HIGH = a >>> 0 || 1;
  LOW = b >>> 0;
}

/** A 52-bit hash of a row's fields, to tell an identical repeat from a different one. */
export function hashFields(fields: readonly (string | undefined)[]): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const field of fields) {
    const text = field ?? "\u0000";
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
