import { existsSync } from "node:fs";
import type { Handlers } from "../../shared/api/types";
import type { ModelInfo } from "../../shared/domain/models";
import { chatTemplateFamily } from "../../shared/domain/chatTemplateFamily";
import { ApiError } from "../../shared/api/errors";
import { listModels } from "../db/queries/models";
import { defaultStudyMemory } from "../experiments/studyMemory";
import type { HandlerContext } from "./HandlerContext";

/** What the lists show of a model besides its row: the header's facts, the default study's memory, the chat template's format. */
const modelFigures = (info: ModelInfo) => ({ info, memory: defaultStudyMemory(info), chatTemplateFamily: chatTemplateFamily(info.chatTemplate) });

type ModelHandlers = Pick<Handlers, "models.list" | "models.add" | "models.buildDefaults" | "models.backend">;

/**
 * The model modules load lazily: node-llama-cpp and the trainer wrapper are heavy, and only the
 * Models place needs them. Building the defaults runs the native trainer as a child process.
 */
export function modelHandlers(ctx: HandlerContext): ModelHandlers {
  const list = () =>
    listModels(ctx.db).map((m) => {
      const info = JSON.parse(m.info_json) as ModelInfo;
      return { id: m.id, name: m.name, path: m.path, sha256: m.sha256, origin: m.origin, ...modelFigures(info) };
    });
  let building: Promise<ReturnType<typeof list>> | null = null;

  return {
    "models.list": async () => list(),

    "models.add": async ({ path, name }) => {
      if (!existsSync(path))
        throw new ApiError("not-found", `the file ${path} does not exist; check the path (it is read on the computer running Collapse Lab)`, "path");
      const { registerModel } = await import("../models/registerModel");
      const m = await ctx.operations.run(undefined, (signal) => registerModel(ctx.db, { path, ...(name ? { name } : {}), signal }));
      return { id: m.id, name: m.name, path: m.path, ...modelFigures(m.info) };
    },

    "models.buildDefaults": async ({ threads, rebuild, operationId }) => {
      // one build at a time; a second click waits for the same build (and a Stop of the first stops it)
      building ??= ctx.operations
        .run(operationId, async (signal) => {
          const { registerDefaultModels } = await import("../models/registerDefaultModels");
          await registerDefaultModels(ctx.db, {
            workspaceDir: ctx.workspaceDir,
            signal,
            ...(threads ? { threads } : {}),
            ...(rebuild ? { rebuild } : {}),
            onProgress: (p) =>
              ctx.emit({
                type: "models.progress",
                model: p.model,
                stage: p.stage,
                pretrainStage: "pretrainStage" in p && p.pretrainStage ? { index: p.pretrainStage.index, of: p.pretrainStage.of } : null,
                step: p.progress?.step ?? null,
                steps: p.progress?.steps ?? null,
                loss: p.progress?.loss ?? null,
                tokensPerSecond: p.progress?.tokens_per_s ?? null,
                etaSeconds: "etaSeconds" in p ? (p.etaSeconds ?? null) : null,
              }),
          });
          return list();
        })
        .finally(() => (building = null));
      return building;
    },

    "models.backend": async () => {
      const { LlamaRuntime } = await import("../generate/LlamaRuntime");
      return (await LlamaRuntime.get()).backend;
    },
  };
}
