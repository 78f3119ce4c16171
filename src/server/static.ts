/**
 * The web application served by the API's server: the files Vite built into web/dist
 * (`npm run build:web`). Hashed assets (`/assets/…`) are cached for a year, since their
 * name changes with their content; the page itself is never cached, so that a new build
 * is seen at once. Any other path outside /api gets the page, whose router shows the view
 * the path names (`/people/p1`, `/registry?status=held`…). Compressed twins (`.gz`) that
 * the build writes are sent to browsers that accept them.
 *
 * Register it after the API's routes: `await app.register(webApp)`.
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

/** Where `vite build web` writes the app. */
export const WEB_DIST = resolve(import.meta.dirname, "../../web/dist");

/** The route that serves the app, for those who list routes (it is not part of the API). */
export const WEB_ROUTE = "/*";

/**
 * What the page may load: only its own files and API. Inline styles are allowed because
 * the charts set style attributes; no inline script is.
 */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const YEAR_SECONDS = 365 * 24 * 3600;

export interface WebAppOptions {
  /** The built app (default web/dist). */
  root?: string;
}

/** The file under `root` that `path` names, or null (outside it, hidden, or no such file). */
function fileUnder(root: string, path: string): string | null {
  if (path === "" || path.split("/").some((part) => part.startsWith(".") || part === "")) {
    return null;
  }
  const full = resolve(root, path);
  const inside = relative(root, full);
  if (inside.startsWith("..") || isAbsolute(inside)) return null;
  try {
    return statSync(full).isFile() ? inside : null;
  } catch {
    return null;
  }
}

function sendPage(reply: FastifyReply): FastifyReply {
  reply.header("cache-control", "no-cache");
  return reply.sendFile("index.html");
}

export async function webApp(app: FastifyInstance, options: WebAppOptions = {}): Promise<void> {
  const root = options.root ?? WEB_DIST;
  await app.register(fastifyStatic, {
    root,
    serve: false,
    preCompressed: true,
    cacheControl: false,
    lastModified: true,
    etag: true,
  });

  app.get(WEB_ROUTE, {
    config: { access: "public" },
    schema: { hide: true },
    handler: async (request, reply) => {
      const path = (request.params as { "*": string })["*"] ?? "";
      // Unknown API paths keep the API's 404 answer, in its error shape.
      if (path === "api" || path.startsWith("api/")) return reply.callNotFound();
      if (!existsSync(resolve(root, "index.html"))) {
        return reply.code(404).send({
          error: {
            code: "not_found",
            message: `the web application is not built: run "npm run build:web" (no ${root}/index.html)`,
          },
        });
      }
      reply.header("content-security-policy", PAGE_POLICY);
      const file = fileUnder(root, path);
      if (file === "index.html") return sendPage(reply);
      if (file !== null) {
        reply.header(
          "cache-control",
          file.startsWith("assets/")
            ? `public, max-age=${YEAR_SECONDS}, immutable`
            : "public, max-age=3600",
        );
        return reply.sendFile(file);
      }
      // A missing hashed file is a real 404: the page in its place would break the script.
      if (path.startsWith("assets/")) return reply.callNotFound();
      return sendPage(reply);
    },
  });
}
