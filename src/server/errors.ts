/**
 * Every error leaves the server in one shape (docs/API.md):
 * `{"error": {"code", "message", "fields"?: [{"field", "in"?, "message"}], "current"?}}`.
 * Errors of the use cases map to their status; anything unexpected is logged and answered
 * with 500 and the request id, without details.
 */
import type { FastifyError } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AnalyticsInputError } from "../services/analytics.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ThrottledError,
  UnauthenticatedError,
  ValidationError,
} from "../services/errors.ts";
import { CsrfError } from "./access.ts";
import type { Api } from "./routes/types.ts";

interface FieldOut {
  field: string;
  in?: string;
  message: string;
}

export interface ErrorOut {
  error: {
    code: string;
    message: string;
    fields?: FieldOut[];
    current?: unknown;
    requestId?: string;
  };
}

function body(code: string, message: string, extra: Partial<ErrorOut["error"]> = {}): ErrorOut {
  return { error: { code, message, ...extra } };
}

interface SchemaIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: { keys?: string[] };
}

function schemaFields(issues: SchemaIssue[], where: string | undefined): FieldOut[] {
  return issues.flatMap((issue) => {
    const path = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const at = (field: string) => (where ? { field, in: where } : { field });
    if (issue.keyword === "unrecognized_keys") {
      return (issue.params?.keys ?? []).map((key) => ({
        ...at(path ? `${path}.${key}` : key),
        message:
          where === "querystring"
            ? "is not a parameter of this route"
            : "is not a field of this request",
      }));
    }
    return [{ ...at(path || "(body)"), message: issue.message ?? "is invalid" }];
  });
}

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "payload_too_large", "the request body is too large"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    "unsupported_media_type",
    "the body must be JSON, sent with Content-Type: application/json",
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "bad_json", "the body is empty: send a JSON object"],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "bad_json", "the body is not valid JSON"],
};
/** The code of other client errors with these statuses (an upload too large, not multipart). */
const STATUS_CODES: Record<number, string> = {
  413: "payload_too_large",
  415: "unsupported_media_type",
};
/** Errors whose own message says more than the generic one (json-body.ts). */
const OWN_MESSAGE = new Set(["FST_ERR_CTP_EMPTY_JSON_BODY", "FST_ERR_CTP_INVALID_JSON_BODY"]);

export function registerErrorHandling(app: Api): void {
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(body("not_found", `no route ${request.method} ${request.url.split("?")[0]}`));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = schemaFields(error.validation as SchemaIssue[], error.validationContext);
      const summary = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
      return reply.code(400).send(body("validation", `invalid request: ${summary}`, { fields }));
    }
    if (error instanceof ValidationError) {
      return reply.code(400).send(body("validation", error.message, { fields: error.fields }));
    }
    if (error instanceof AnalyticsInputError) {
      return reply.code(400).send(body("validation", error.message));
    }
    if (error instanceof UnauthenticatedError) {
      return reply.code(401).send(body("unauthenticated", error.message));
    }
    if (error instanceof CsrfError) return reply.code(403).send(body("csrf", error.message));
    if (error instanceof ForbiddenError)
      return reply.code(403).send(body("forbidden", error.message));
    if (error instanceof NotFoundError)
      return reply.code(404).send(body("not_found", error.message));
    if (error instanceof ConflictError) {
      return reply.code(409).send(body("conflict", error.message, { current: error.current }));
    }
    if (error instanceof ThrottledError) {
      reply.header("retry-after", String(error.retryAfterSeconds));
      return reply.code(429).send(body("rate_limited", error.message));
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) {
      const [status, code, message] = known;
      const own = OWN_MESSAGE.has(error.code) && !error.message.startsWith("Body ");
      return reply.code(status).send(body(code, own ? error.message : message));
    }
    if (error.statusCode === 429) {
      return reply.code(429).send(body("rate_limited", error.message || "too many requests"));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      const code = STATUS_CODES[error.statusCode] ?? "bad_request";
      return reply.code(error.statusCode).send(body(code, error.message));
    }
    request.log.error({ err: error }, "unexpected error");
    return reply
      .code(500)
      .send(
        body("internal", "internal error: it has been logged", { requestId: String(request.id) }),
      );
  });
}
