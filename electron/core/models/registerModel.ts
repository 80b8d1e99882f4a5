import { basename, resolve } from "node:path";
import type { Db } from "../db/openDatabase";
import { upsertModel, type ModelRow } from "../db/queries/models";
import { sha256OfFile } from "../data/importing/hashFile";
import { readModelInfo } from "./readModelInfo";
import { untrainableReason, type ModelInfo } from "../../shared/domain/models";
import { ApiError } from "../../shared/api/errors";
import { ModelFileError } from "./ModelFileError";
import { UnsupportedModelError } from "./UnsupportedModelError";

type ModelArgs = { path: string; name?: string; origin?: ModelRow["origin"]; signal?: AbortSignal };
export type ModelFacts = { name: string; path: string; sha256: string; info: ModelInfo; origin: ModelRow["origin"] };

/** Registers a local GGUF model: its SHA-256 and architecture facts go to the workspace. */
export async function registerModel(db: Db, args: ModelArgs): Promise<{ id: number; name: string; path: string; sha256: string; info: ModelInfo }> {
  return storeModel(db, await readModelFacts(args));
}

/** What registering a model stores, read from its file (the slow part: the header and the whole file's hash). */
export async function readModelFacts(args: ModelArgs): Promise<ModelFacts> {
  const path = resolve(args.path);
  const info = await readModelInfo(path, args.signal ? { signal: args.signal } : {});
  if (info.kind !== "model") throw new ApiError("invalid-argument", `${path} is a LoRA adapter, not a base model`, "path");
  // llama.cpp's ggml-vocab-*.gguf: a tokenizer and no weights, which nothing here can generate or train with
  if (info.parameters === 0)
    throw new ModelFileError("vocabulary-only", `${path} is a vocabulary-only GGUF: it holds a tokenizer and no weights; register the model file itself`);
  // every study trains its models: one the trainer cannot load is refused here, before it is listed
  const why = untrainableReason(info);
  if (why) throw new UnsupportedModelError(why, `${path} cannot be trained here: ${why.message}`, "path");
  const sha256 = await sha256OfFile(path, args.signal);
  return { name: args.name ?? basename(path).replace(/\.gguf$/i, ""), path, sha256, info, origin: args.origin ?? "user" };
}

/** Stores facts read by readModelFacts, at once. */
export function storeModel(db: Db, facts: ModelFacts): { id: number; name: string; path: string; sha256: string; info: ModelInfo } {
  const { name, path, sha256, info, origin } = facts;
  const id = upsertModel(db, { name, path, sha256, file_size: info.fileSize, info_json: JSON.stringify(info), origin });
  return { id, name, path, sha256, info };
}
