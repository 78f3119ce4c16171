/**
 * The HTTP API: one Fastify instance over a store. Security headers, cookies, rate limits,
 * the OpenAPI document and its interactive docs at /api/docs, access control, one error
 * shape, and the routes of each area.
 */
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { LoginThrottle } from "../services/login-throttle.ts";
import { ReportCache } from "../services/report-cache.ts";
import type { Store } from "../store/connection.ts";
import { type Access, CSRF_HEADER, registerAccessControl } from "./access.ts";
import { DEFAULT_CONFIG, type ServerConfig } from "./config.ts";
import { registerErrorHandling } from "./errors.ts";
import { registerJsonBodyParser } from "./json-body.ts";
import { registerAccountRoutes } from "./routes/accounts.ts";
import { registerAnalyticsRoutes } from "./routes/analytics.ts";
import { registerEstimationRoutes } from "./routes/estimation.ts";
import { importRoutes } from "./routes/imports.ts";
import { registerLocalRoutes } from "./routes/local.ts";
import { registerRecordRoutes } from "./routes/records.ts";
import { registerRegistryRoutes } from "./routes/registry.ts";
import { registerReviewRoutes } from "./routes/review.ts";
import type { Api, Deps } from "./routes/types.ts";
import { type WebAppOptions, webApp } from "./static.ts";

export const DOCS_PREFIX = "/api/docs";
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface AppOptions {
  config?: Partial<ServerConfig>;
  /** Fastify's logger option (tests pass false). */
  logger?: FastifyServerOptions["logger"];
  throttle?: LoginThrottle;
  /** The web application's files (static.ts); `false` serves the API alone. */
  web?: WebAppOptions | false;
}

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
}

const ROUTE_TABLES = new WeakMap<object, RouteRule[]>();

/** Every route of an app built by {@link buildApp}, with who may call it (HEAD aside). */
export function routeTable(app: Api): RouteRule[] {
  return ROUTE_TABLES.get(app) ?? [];
}

/** The store, counting the transactions it commits. */
function countCommits(store: Store): { tracked: Store; commits: () => number } {
  let count = 0;
  const tracked: Store = {
    ...store,
    engine: store.engine,
    location: store.location,
    async transaction(work) {
      const result = await store.transaction(work);
      count++;
      return result;
    },
  };
  return { tracked, commits: () => count };
}

function methods(route: { method: string | string[] }): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

export async function buildApp(store: Store, options: AppOptions = {}): Promise<Api> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options.config };
  const app = Fastify({
    // Structured logs (JSON lines) on stderr: stdout is for what the command prints.
    logger: options.logger ?? {
      level: config.logLevel,
      stream: process.stderr,
      redact: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-turnstile-local"]',
      ],
    },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    forceCloseConnections: "idle",
    // Ids in paths are free text: let them be up to 200 characters, encoded.
    routerOptions: { maxParamLength: 1000 },
  }).withTypeProvider<ZodTypeProvider>();
  // Bodies are JSON only: a form or plain text from another site is refused (415).
  app.removeContentTypeParser("text/plain");
  registerJsonBodyParser(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every route says who may call it; writes are rate-limited per user (or address).
  const table: RouteRule[] = [];
  ROUTE_TABLES.set(app, table);
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith(DOCS_PREFIX)) route.config = { ...route.config, access: "public" };
    const access = route.config?.access;
    if (!access) {
      throw new Error(`route ${methods(route).join(",")} ${route.url} declares no access rule`);
    }
    for (const method of methods(route)) {
      if (method !== "HEAD") table.push({ method, url: route.url, access });
    }
    if (route.url.startsWith(DOCS_PREFIX)) return;
    if (methods(route).some((m) => WRITE_METHODS.has(m)) && !route.config?.rateLimit) {
      route.config = {
        ...route.config,
        rateLimit: {
          max: config.writesPerMinute,
          timeWindow: "1 minute",
          keyGenerator: (request) =>
            request.principal?.userName === null || request.principal === undefined
              ? request.ip
              : `user:${request.principal.actor}`,
        },
      };
    }
  });

  // Before the plugins, so that their routes (the docs) answer errors in the same shape.
  registerErrorHandling(app);
  await app.register(fastifyHelmet, {
    // Swagger UI sets its own policy on its pages (staticCSP below).
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(
        `too many requests: at most ${context.max} per ${context.after}; try again in ${Math.ceil(context.ttl / 1000)} s`,
      ) as Error & { statusCode: number };
      error.statusCode = 429;
      return error;
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Turnstile API",
        version: "0.1.0",
        description:
          "Registry of political imprisonment: people, events, sources, release operations, measures, " +
          "diplomatic events, monitors' counts, and the analytics over them. See docs/API.md.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "turnstile_session" },
          csrf: { type: "apiKey", in: "header", name: CSRF_HEADER },
          token: { type: "http", scheme: "bearer", description: "an API token: tsk_…" },
        },
      },
      security: [{}, { session: [], csrf: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: true,
    // Over plain http on this machine, upgrading the page's requests to https breaks it.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ""),
  });

  const { tracked, commits } = countCommits(store);
  const deps: Deps = {
    store: tracked,
    // The embedded database is this process's alone: its commits name the data's state.
    cache: new ReportCache(1000, store.engine === "pglite" ? commits : undefined),
    throttle: options.throttle ?? new LoginThrottle(),
    config,
  };
  registerAccessControl(app, tracked, config.localSecret);
  registerRegistryRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerRecordRoutes(app, deps);
  registerAnalyticsRoutes(app, deps);
  registerEstimationRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerLocalRoutes(app, deps);
  // In a plugin of its own: multipart bodies are taken there and nowhere else.
  await app.register(importRoutes, { deps });
  // After the API: every other path outside /api is the web application's.
  if (options.web !== false) await app.register(webApp, options.web ?? {});
  return app;
}
