/**
 * Errors of the use cases, thrown to the edge (HTTP or command line), which turns each into
 * its answer. Messages are for the user: they name the field and the reason.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

/** The request is wrong: 400, with one entry per field. */
export class ValidationError extends Error {
  readonly fields: FieldProblem[];
  constructor(fields: FieldProblem[], message?: string) {
    super(
      message ?? `invalid request: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}`,
    );
    this.name = "ValidationError";
    this.fields = fields;
  }
}

/** No such record, or not one the reader may see (the same answer, so as not to tell). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

/** The record has changed since the client read it, or the change collides: 409. */
export class ConflictError extends Error {
  /** The record as it is now, when there is one: the client can merge and retry. */
  readonly current: unknown;
  constructor(message: string, current?: unknown) {
    super(message);
    this.name = "ConflictError";
    this.current = current ?? null;
  }
}

/** Signed in, but the role does not allow it: 403. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Not signed in, or the credentials are wrong: 401. */
export class UnauthenticatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

/** Too many attempts: 429, with the seconds to wait. */
export class ThrottledError extends Error {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = "ThrottledError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The database's code for a unique or foreign-key violation, if that is what `error` is. */
export function constraintViolation(error: unknown): "unique" | "foreign_key" | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "23505") return "unique";
  if (code === "23503") return "foreign_key";
  return null;
}
