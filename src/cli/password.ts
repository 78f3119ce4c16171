/**
 * Reading a password for `turnstile user add` without showing it: from standard input
 * (--password-stdin, for scripts), from TURNSTILE_PASSWORD, or typed twice at a hidden prompt.
 */
import { InvalidArgumentError } from "commander";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** One line typed on the terminal with echo off. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  // Echo off before the question: what is typed after it is never shown.
  stdin.setRawMode(true);
  process.stderr.write(question);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (error: Error | null) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return finish(null);
        if (char === "\u0003" || char === "\u0004") {
          return finish(new InvalidArgumentError("cancelled"));
        }
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on("data", onData);
  });
}

export async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  const fromEnv = process.env.TURNSTILE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new InvalidArgumentError(
      "no password: pass --password-stdin (and pipe it in) or set TURNSTILE_PASSWORD",
    );
  }
  const first = await promptHidden("Password (at least 10 characters): ");
  const second = await promptHidden("The same again: ");
  if (first !== second) throw new InvalidArgumentError("the two passwords differ");
  return first;
}
