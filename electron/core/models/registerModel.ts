import { basename, resolve } from "node:path";
import type { Db } from "../db/openDatabase";
import { upsertModel, type ModelRow } from "../db/queries/models";
import { sha256OfFile } from "../data/importing/hashFile";
import { readModelInfo } from "./readModelInfo";
import { untrainableReason, type ModelInfo } from "../../shared/domain/models";
import { ApiError } from "../../shared/api/errors";
import { ModelFileError } from "./ModelFileError";
import { UnsupportedModelError } from "./UnsupportedModelError";

/** Registers a local GGUF model: its SHA-256 and architecture facts go to the workspace. */
export async function registerModel(
  db: Db,
  args: { path: string; name?: string; origin?: ModelRow["origin"]; signal?: AbortSignal },
): Promise<{ id: number; name: string; path: string; sha256: string; info: ModelInfo }> {
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
  const name = args.name ?? basename(path).replace(/\.gguf$/i, "");
  const id = upsertModel(db, { name, path, sha256, file_size: info.fileSize, info_json: JSON.stringify(info), origin: args.origin ?? "user" });
  return { id, name, path, sha256, info };
}
