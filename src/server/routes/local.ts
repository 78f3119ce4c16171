/**
 * The route through which `turnstile user add` reaches a running server that holds the
 * embedded database (whose folder one process at a time may open). It takes the secret
 * that the server wrote, readable only by its owner, into the data folder (run.ts).
 */
import { z } from "zod";
import { createUser } from "../../services/accounts.ts";
import { ACCOUNT_ROLES } from "../../store/accounts.ts";
import { WRITE_ERRORS } from "../schemas/common.ts";
import type { Api, Deps } from "./types.ts";

export function registerLocalRoutes(app: Api, deps: Deps): void {
  app.post("/api/local/users", {
    config: { access: "local" },
    schema: {
      tags: ["admin"],
      summary:
        "create a user from the command line on the server's machine (X-Turnstile-Local secret)",
      body: z.strictObject({
        name: z.string().min(1).max(64),
        role: z.enum(ACCOUNT_ROLES),
        password: z.string().min(1).max(1024),
      }),
      response: {
        201: z.object({ name: z.string(), role: z.enum(ACCOUNT_ROLES) }),
        ...WRITE_ERRORS,
      },
    },
    handler: async (request, reply) => {
      const user = await createUser(deps.store, request.body, "cli");
      reply.code(201);
      return { name: user.name, role: user.role };
    },
  });
}
