import { CHANNELS, type Channel } from "../../shared/api/channels";
import type { Handlers } from "../../shared/api/types";
import type { Envelope } from "../../shared/api/errors";
import { ApiError } from "../../shared/api/errors";
import { validateRequest } from "../../shared/api/validate";
import type { HandlerContext } from "./HandlerContext";
import { datasetHandlers } from "./datasetHandlers";
import { modelHandlers } from "./modelHandlers";
import { studyHandlers } from "./studyHandlers";
import { resultHandlers } from "./resultHandlers";
import { compareHandlers } from "./compareHandlers";

/**
 * The app's API over core, one function per contract channel (Actual's createApp<Handlers>).
 * Every handler validates its argument with the contract's schema first (Mattermost style), so
 * a caller that skips the typed client still cannot reach core with a wrong argument.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const raw: Handlers = {
    "app.info": async () => ({
      name: "Collapse Lab",
      version: ctx.appVersion,
      dbPath: ctx.dbPath,
      workspaceDir: ctx.workspaceDir,
      versions: Object.fromEntries(
        Object.entries(process.versions).filter(([k]) => ["node", "electron", "chrome", "v8", "sqlite"].includes(k)) as [string, string][],
      ),
    }),
    ...datasetHandlers(ctx),
    ...modelHandlers(ctx),
    ...studyHandlers(ctx),
    ...resultHandlers(ctx),
    ...compareHandlers(ctx),
    "operations.cancel": async ({ operationId }) => ({ cancelled: ctx.operations.cancel(operationId) }),
  };
  const validated: Partial<Record<Channel, (args: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const handler = raw[channel] as (args: unknown) => Promise<unknown>;
    validated[channel] = async (args) => handler(validateRequest(channel, args));
  }
  return validated as Handlers;
}

/** One call from any transport: validated, run, and answered as an envelope (errors never escape). */
export async function dispatch(handlers: Handlers, channel: string, args: unknown): Promise<Envelope<unknown>> {
  try {
    if (!(CHANNELS as readonly string[]).includes(channel)) throw new ApiError("not-found", `unknown API channel "${channel}"`);
    const value = await (handlers[channel as Channel] as (a: unknown) => Promise<unknown>)(args);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: ApiError.from(error).toInfo() };
  }
}
