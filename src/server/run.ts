/**
 * Running the API: listen, say where, and on SIGINT or SIGTERM stop taking requests,
 * finish those under way, then let the caller close the store (which releases the
 * embedded database's folder lock).
 *
 * With the embedded database, the server writes `turnstile.server.json` into the data
 * folder (readable by its owner only): its address and a secret with which `turnstile
 * user add` can create a user through the running server, since no second process may
 * open the folder meanwhile.
 */

import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureNameKeys } from "../services/matching.ts";
import type { Store } from "../store/connection.ts";
import { buildApp } from "./app.ts";
import type { ServerConfig } from "./config.ts";
import type { Api } from "./routes/types.ts";

export const SERVER_FILE = "turnstile.server.json";

export interface ServerFile {
  pid: number;
  url: string;
  secret: string;
}

export interface RunningServer {
  app: Api;
  /** Where to reach it, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

function urlOf(host: string, port: number): string {
  const shown = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
}

/** Starts the server on the store; `dataDir` is the embedded database's folder, if any. */
export async function startServer(
  store: Store,
  config: ServerConfig,
  dataDir?: string,
): Promise<RunningServer> {
  // Search reads precomputed name keys: build those missing (or of an older key version).
  await ensureNameKeys(store);
  const secret = dataDir ? randomBytes(32).toString("hex") : null;
  const app = await buildApp(store, { config: { ...config, localSecret: secret } });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = urlOf(config.host, port);
  const file = dataDir ? join(dataDir, SERVER_FILE) : null;
  if (file && secret) {
    const content: ServerFile = { pid: process.pid, url, secret };
    writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
  }
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    close() {
      closing ??= (async () => {
        if (file) rmSync(file, { force: true });
        await app.close();
      })();
      return closing;
    },
  };
}

/** Resolves when SIGINT or SIGTERM arrives, after the server has closed. */
export function untilSignal(server: RunningServer): Promise<NodeJS.Signals> {
  return new Promise((resolve, reject) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      server.app.log.info({ signal }, "shutting down");
      server.close().then(() => resolve(signal), reject);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** The running server of a data folder, if its file names a live process. */
export function runningServer(dataDir: string): ServerFile | null {
  try {
    const file = JSON.parse(readFileSync(join(dataDir, SERVER_FILE), "utf8")) as ServerFile;
    process.kill(file.pid, 0);
    return file;
  } catch {
    return null;
  }
}
