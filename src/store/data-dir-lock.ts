/**
 * PGlite has no lock of its own, and two processes opening one data folder corrupt it
 * (pglite issue #1106). A lock file in the folder names the holder, so that a second
 * process gets a clear error instead.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { StoreError } from "./errors.ts";

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
  command: string;
}

const LOCK_FILE = "turnstile.lock";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): Holder | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Holder;
  } catch {
    return null;
  }
}

/** Takes the folder's lock or throws a {@link StoreError} naming the process that holds it. */
export function lockDataDir(dir: string): DataDirLock {
  const path = join(dir, LOCK_FILE);
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command: process.argv.slice(2).join(" ") || "turnstile",
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      const stale = holder !== null && holder.host === me.host && !isAlive(holder.pid);
      if (stale || holder === null) {
        // The holder died without cleaning up (or left an unreadable file): take over.
        rmSync(path, { force: true });
        continue;
      }
      throw new StoreError(
        `the data folder ${dir} is in use by process ${holder.pid} on ${holder.host} ` +
          `("turnstile ${holder.command}", since ${holder.since}). Stop that process, or ` +
          `use another --data-dir. If no such process runs, delete ${path}.`,
      );
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const current = readHolder(path);
      if (current?.pid === me.pid && current.host === me.host) rmSync(path, { force: true });
      process.off("exit", release);
    };
    process.on("exit", release);
    return { path, release };
  }
  throw new StoreError(`could not take the lock ${path}`);
}
