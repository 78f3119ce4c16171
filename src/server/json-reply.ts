/**
 * Answers that the services keep while the data is unchanged (report-cache.ts) are the
 * same objects from one request to the next: their JSON is made once and reused.
 */
import type { FastifyReply } from "fastify";

const SERIALIZED = new WeakMap<object, Buffer>();

/**
 * Sends `value` as JSON, serialized at most once per object. The typed result is the
 * value's own type, for the route's type checking; what is sent is its JSON text.
 */
export function jsonOnce<T>(reply: FastifyReply, value: T): T {
  if (value === null || typeof value !== "object") return value;
  let body = SERIALIZED.get(value);
  if (body === undefined) {
    body = Buffer.from(JSON.stringify(value));
    SERIALIZED.set(value, body);
  }
  reply.type("application/json; charset=utf-8");
  return body as unknown as T;
}
