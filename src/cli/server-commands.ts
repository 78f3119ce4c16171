/** Commands that run Turnstile: start, serve, and user management (user add, user list). */
import { type Command, InvalidArgumentError, Option } from "commander";
import { isEmpty, loadDemo } from "../ingest/demo.ts";
import { configFromEnv, type ServerConfig } from "../server/config.ts";
import { runningServer, startServer, untilSignal } from "../server/run.ts";
import { createUser, listUsers } from "../services/accounts.ts";
import { ConflictError, ValidationError } from "../services/errors.ts";
import { ACCOUNT_ROLES, type AccountRole } from "../store/accounts.ts";
import { DEFAULT_DATA_DIR, type Store } from "../store/connection.ts";
import { parseWholeNumber } from "./arguments.ts";
import { progress, withStore, write } from "./context.ts";
import { readPassword } from "./password.ts";

interface ServeOptions {
  port?: number;
  host?: string;
}

function serverConfig(options: ServeOptions): ServerConfig {
  const config = configFromEnv();
  return {
    ...config,
    port: options.port ?? config.port,
    host: options.host ?? config.host,
  };
}

function dataDirOf(command: Command): string | undefined {
  if (process.env.DATABASE_URL) return undefined;
  return command.optsWithGlobals<{ dataDir: string }>().dataDir;
}

async function serveUntilSignal(store: Store, command: Command, options: ServeOptions) {
  const config = serverConfig(options);
  const server = await startServer(store, config, dataDirOf(command)).catch((error) => {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new InvalidArgumentError(
        `port ${config.port} on ${config.host} is in use: choose another with --port (or PORT)`,
      );
    }
    throw error;
  });
  const users = await listUsers(store);
  write(
    `Turnstile is running at ${server.url}\n` +
      `  API documentation: ${server.url}/api/docs\n` +
      `  database: ${store.engine} ${store.location}\n` +
      (users.length === 0
        ? "  no user yet: create the first admin (in another terminal) with\n" +
          `    npx turnstile${dataDirFlag(command)} user add admin --role admin\n`
        : "") +
      "Press Ctrl-C to stop.\n",
  );
  const signal = await untilSignal(server);
  write(`Stopped (${signal}).\n`);
}

/** `--data-dir DIR` when the folder is not the default one, for the hints printed. */
function dataDirFlag(command: Command): string {
  const dir = dataDirOf(command);
  return dir === undefined || dir === DEFAULT_DATA_DIR ? "" : ` --data-dir ${dir}`;
}

function portOption(): Option {
  return new Option(
    "--port <port>",
    "port to listen on (env PORT; default 3000; 0: any free)",
  ).argParser(parseWholeNumber);
}
function hostOption(): Option {
  return new Option("--host <host>", "address to listen on (env HOST; default 127.0.0.1)");
}

/** Service errors a user can act on become the command's error message. */
function asArgumentError(error: unknown): never {
  if (error instanceof ValidationError || error instanceof ConflictError) {
    throw new InvalidArgumentError(error.message);
  }
  throw error;
}

export function registerServerCommands(program: Command): void {
  program
    .command("start")
    .description("the quick start: load the demo if the database is empty, then serve the API")
    .addOption(portOption())
    .addOption(hostOption())
    .addOption(
      new Option("--demo-people <n>", "synthetic people of the demo (default 8000)")
        .argParser(parseWholeNumber)
        .hideHelp(),
    )
    .action(async (options: ServeOptions & { demoPeople?: number }, command: Command) => {
      await withStore(command, false, async (store) => {
        if (await isEmpty(store)) {
          process.stderr.write(`Empty database at ${store.location}: loading the demo data…\n`);
          await loadDemo(store, {
            people: options.demoPeople,
            onProgress: progress("synthetic people"),
          });
        }
        await serveUntilSignal(store, command, options);
      });
    });

  program
    .command("serve")
    .description("serve the HTTP API (and its documentation at /api/docs) until Ctrl-C")
    .addOption(portOption())
    .addOption(hostOption())
    .action(async (options: ServeOptions, command: Command) => {
      await withStore(command, false, (store) => serveUntilSignal(store, command, options));
    });

  const user = program.command("user").description("manage the accounts of the API");
  user
    .command("add")
    .description(
      "create a user; the password is asked for (not echoed), or read from stdin with " +
        "--password-stdin, or from TURNSTILE_PASSWORD",
    )
    .argument("<name>", "user name (letters, digits, . _ @ -)")
    .addOption(
      new Option("--role <role>", "what the user may do")
        .choices(ACCOUNT_ROLES)
        .makeOptionMandatory(),
    )
    .option("--password-stdin", "read the password from standard input")
    .action(
      async (
        name: string,
        options: { role: AccountRole; passwordStdin?: boolean },
        command: Command,
      ) => {
        const password = await readPassword(options.passwordStdin ?? false);
        const input = { name, role: options.role, password };
        const dataDir = dataDirOf(command);
        const running = dataDir ? runningServer(dataDir) : null;
        if (running) {
          await addThroughServer(running, input);
        } else {
          await withStore(command, false, (store) =>
            createUser(store, input, "cli").catch(asArgumentError),
          );
        }
        write(`Created user "${name}" with the role ${options.role}.\n`);
      },
    );

  user
    .command("list")
    .description("the users and their roles")
    .action(async (_options: unknown, command: Command) => {
      await withStore(command, true, async (store) => {
        for (const u of await listUsers(store)) {
          write(`${u.name}\t${u.role}${u.disabled ? "\tdisabled" : ""}\n`);
        }
      });
    });
}

/** The server holds the embedded database: ask it, with the secret it left in the folder. */
async function addThroughServer(
  server: { url: string; secret: string },
  input: { name: string; role: AccountRole; password: string },
): Promise<void> {
  const response = await fetch(`${server.url}/api/local/users`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-turnstile-local": server.secret },
    body: JSON.stringify(input),
  });
  if (response.status !== 201) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new InvalidArgumentError(
      `the running server at ${server.url} refused: ${body?.error?.message ?? response.statusText}`,
    );
  }
}
