/** The server's settings, from flags and the environment, with safe defaults. */
import { DEFAULT_MIN_CELL } from "../services/visibility.ts";

export interface ServerConfig {
  host: string;
  port: number;
  /** Whom to believe about the client's address and protocol (X-Forwarded-*): Fastify's
   * `trustProxy` (true, or addresses and ranges). Default: a proxy on this machine. */
  trustProxy: boolean | string;
  sessionTtlSeconds: number;
  /** Largest request body in bytes. */
  bodyLimit: number;
  /** Writes per minute per user or address; logins per minute per address. */
  writesPerMinute: number;
  loginsPerMinute: number;
  /** Breakdown cells below this are hidden from anonymous readers. */
  minCell: number;
  logLevel: string;
  /** Secret of the local admin route (see run.ts); null disables the route. */
  localSecret: string | null;
  /** Largest upload to POST /api/imports in bytes, all its files together. */
  importMaxBytes: number;
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: "127.0.0.1",
  port: 3000,
  trustProxy: "loopback",
  sessionTtlSeconds: 12 * 3600,
  bodyLimit: 1024 * 1024,
  writesPerMinute: 300,
  loginsPerMinute: 10,
  minCell: DEFAULT_MIN_CELL,
  logLevel: "info",
  localSecret: null,
  importMaxBytes: 256 * 1024 * 1024,
};

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`${name} must be a whole number, got "${value}"`);
  }
  return n;
}

function trustProxy(value: string | undefined): ServerConfig["trustProxy"] {
  if (value === undefined || value === "") return DEFAULT_CONFIG.trustProxy;
  if (value === "true") return true;
  if (value === "false") return false;
  return value;
}

/** Settings from the environment: PORT, HOST, TURNSTILE_* (see docs/API.md). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    ...DEFAULT_CONFIG,
    host: env.HOST || DEFAULT_CONFIG.host,
    port: positive("PORT", env.PORT, DEFAULT_CONFIG.port),
    trustProxy: trustProxy(env.TURNSTILE_TRUST_PROXY),
    sessionTtlSeconds:
      positive("TURNSTILE_SESSION_HOURS", env.TURNSTILE_SESSION_HOURS, 12) * 3600 ||
      DEFAULT_CONFIG.sessionTtlSeconds,
    bodyLimit: positive("TURNSTILE_BODY_LIMIT", env.TURNSTILE_BODY_LIMIT, DEFAULT_CONFIG.bodyLimit),
    writesPerMinute: positive(
      "TURNSTILE_WRITES_PER_MINUTE",
      env.TURNSTILE_WRITES_PER_MINUTE,
      DEFAULT_CONFIG.writesPerMinute,
    ),
    loginsPerMinute: positive(
      "TURNSTILE_LOGINS_PER_MINUTE",
      env.TURNSTILE_LOGINS_PER_MINUTE,
      DEFAULT_CONFIG.loginsPerMinute,
    ),
    minCell: positive("TURNSTILE_MIN_CELL", env.TURNSTILE_MIN_CELL, DEFAULT_CONFIG.minCell),
    logLevel: env.LOG_LEVEL || DEFAULT_CONFIG.logLevel,
    importMaxBytes:
      positive("TURNSTILE_IMPORT_MAX_MB", env.TURNSTILE_IMPORT_MAX_MB, 256) * 1024 * 1024 ||
      DEFAULT_CONFIG.importMaxBytes,
  };
}
