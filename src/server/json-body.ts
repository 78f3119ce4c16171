/**
 * The JSON body parser: says where the JSON is broken, and refuses `__proto__` and
 * `constructor` keys (prototype poisoning) instead of passing them on.
 */
import type { Api } from "./routes/types.ts";

class BodyError extends Error {
  readonly statusCode = 400;
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

function poisonedKey(value: unknown, path: string): string | null {
  if (value === null || typeof value !== "object") return null;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key === "__proto__" || key === "constructor") return here;
    const found = poisonedKey((value as Record<string, unknown>)[key], here);
    if (found) return found;
  }
  return null;
}

export function registerJsonBodyParser(app: Api): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === "") {
      done(
        new BodyError("FST_ERR_CTP_EMPTY_JSON_BODY", "the body is empty: send a JSON object"),
        undefined,
      );
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      done(
        new BodyError(
          "FST_ERR_CTP_INVALID_JSON_BODY",
          `the body is not valid JSON: ${(error as Error).message}`,
        ),
        undefined,
      );
      return;
    }
    const poisoned = poisonedKey(value, "");
    if (poisoned) {
      done(
        new BodyError(
          "FST_ERR_CTP_INVALID_JSON_BODY",
          `the body has a "${poisoned}" key, which is refused (prototype poisoning)`,
        ),
        undefined,
      );
      return;
    }
    done(null, value);
  });
}
