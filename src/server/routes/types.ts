/** What every route module gets: the typed Fastify instance and the services' dependencies. */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { LoginThrottle } from "../../services/login-throttle.ts";
import type { ReportCache } from "../../services/report-cache.ts";
import type { Store } from "../../store/connection.ts";
import type { ServerConfig } from "../config.ts";

export type Api = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Deps {
  store: Store;
  cache: ReportCache;
  throttle: LoginThrottle;
  config: ServerConfig;
}
