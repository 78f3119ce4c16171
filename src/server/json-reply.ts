/**
 * Answers that the services keep while the data is unchanged (report-cache.ts) are the
 * same objects from one request to the next: their JSON is made once and reused, and so is
 * its gzip form, sent to clients that accept it (the dashboard's answer, about 120 kB of
 * JSON, is about a seventh of that compressed: what a reader on a slow line waits for).
 */
import { gzipSync } from "node:zlib";
import type { FastifyReply } from "fastify";

interface Serialized {
  json: Buffer;
  gzip?: Buffer;
}

const SERIALIZED = new WeakMap<object, Serialized>();

/** Below this size compression saves less than it costs. */
export const GZIP_FROM_BYTES = 8 * 1024;

/** Whether an Accept-Encoding header takes gzip (`gzip` or `*`, without `q=0`). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  return text.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding?.trim() !== "gzip" && coding?.trim() !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Sends `value` as JSON (gzip when large and the client takes it), serialized and
 * compressed at most once per object. The typed result is the value's own type, for the
 * route's type checking; what is sent is its JSON text.
 */
export function jsonOnce<T>(reply: FastifyReply, value: T): T {
  if (value === null || typeof value !== "object") return value;
  let body = SERIALIZED.get(value);
  if (body === undefined) {
    body = { json: Buffer.from(JSON.stringify(value)) };
    SERIALIZED.set(value, body);
  }
  reply.type("application/json; charset=utf-8");
  if (body.json.length < GZIP_FROM_BYTES) return body.json as unknown as T;
  reply.header("vary", "accept-encoding");
  if (!acceptsGzip(reply.request.headers["accept-encoding"])) return body.json as unknown as T;
  body.gzip ??= gzipSync(body.json);
  reply.header("content-encoding", "gzip");
  return body.gzip as unknown as T;
}
