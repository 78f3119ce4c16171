/** What every command shares: opening the store, printing, progress, the --format option. */
import { type Command, Option } from "commander";
import { openStore, type Store } from "../store/connection.ts";
import { migrate } from "../store/migrate.ts";
import { FORMATS } from "./output.ts";

export function formatOption(): Option {
  return new Option("--format <format>", "output format (table on a terminal, else json)").choices(
    FORMATS,
  );
}

/**
 * Opens the store named by --data-dir or DATABASE_URL, migrated, runs `work` and closes it.
 * `mustExist` refuses to create an empty embedded database (read-only commands).
 */
export async function withStore<T>(
  command: Command,
  mustExist: boolean,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const { dataDir } = command.optsWithGlobals<{ dataDir: string }>();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const store = await openStore({ dataDir, databaseUrl, mustExist });
  try {
    await migrate(store);
    return await work(store);
  } finally {
    await store.close();
  }
}

export function write(text: string): void {
  process.stdout.write(text);
}

/** A one-line progress counter on stderr when it is a terminal; silent otherwise. */
export function progress(label: string): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  return (done, total) => {
    const percent = Math.floor((done / total) * 100);
    process.stderr.write(
      `\r${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${percent}%)`,
    );
    if (done >= total) process.stderr.write("\n");
  };
}
