import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { LlamaContext, LlamaModel, Token } from "node-llama-cpp";
import { NodeLlamaCppInternalsError } from "./NodeLlamaCppInternalsError";

/**
 * What generation uses of node-llama-cpp's native context (its AddonContext): a batch of tokens for
 * several sequences, one decode, a sample from one row of its logits. Driving these directly,
 * rather than through LlamaCompletion and node-llama-cpp's batch scheduler, puts one decode and one
 * sampling round trip between steps and leaves what goes into each batch to us. These are not
 * node-llama-cpp's public API, so the version is pinned and the shapes are probed before use.
 */
export type NativeContext = {
  initBatch(size: number): void;
  /** the batch's logit rows for `logitIndexes` (positions within `tokens`) */
  addToBatch(sequenceId: number, firstTokenSequenceIndex: number, tokens: Uint32Array, logitIndexes: Uint32Array): Uint32Array;
  decodeBatch(): Promise<void>;
  sampleToken(batchLogitIndex: number, sampler: NativeSampler): Promise<Token | -1>;
  /** drops every KV cell of the sequence */
  disposeSequence(sequenceId: number): void;
};

/** node-llama-cpp's native sampler chain (AddonSampler): top-k, top-p, temperature, then a seeded draw. */
export type NativeSampler = {
  applyConfig(config: { temperature: number; topK: number; topP: number; seed: number }): void;
  dispose(): void;
};

/** The node-llama-cpp these handles were written and checked against (package.json pins it). */
export const NODE_LLAMA_CPP_WRITTEN_FOR = "3.22.1";

const FALLBACK =
  `to fall back, install the version they were written for (npm install --save-exact node-llama-cpp@${NODE_LLAMA_CPP_WRITTEN_FOR}, or npm ci), ` +
  "or check electron/core/generate/nativeHandles.ts against the new version's AddonContext and AddonSampler and move its pin";

function internalsError(what: string, installed = installedNodeLlamaCppVersion()): NodeLlamaCppInternalsError {
  return new NodeLlamaCppInternalsError(
    `generation: ${what} (written against node-llama-cpp ${NODE_LLAMA_CPP_WRITTEN_FOR}, ${installed} is installed); ${FALLBACK}`,
  );
}

/** The version of the node-llama-cpp this process loads, read from its package.json. */
export function installedNodeLlamaCppVersion(): string {
  // the package's exports hide package.json: find it above the entry point
  let dir = dirname(createRequire(import.meta.url).resolve("node-llama-cpp"));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "node-llama-cpp" && pkg.version) return pkg.version;
    } catch {
      // no package.json at this level
    }
    if (dirname(dir) === dir) return "an unknown version";
    dir = dirname(dir);
  }
}

/** A named error unless `installed` is the version the handles were written for. */
export function checkNodeLlamaCppVersion(installed = installedNodeLlamaCppVersion()): void {
  if (installed !== NODE_LLAMA_CPP_WRITTEN_FOR) throw internalsError("node-llama-cpp's native handles are not known to match this node-llama-cpp", installed);
}

/** The native context behind a LlamaContext; a named error if this node-llama-cpp keeps it elsewhere. */
export function nativeContext(context: LlamaContext): NativeContext {
  const native = (context as unknown as { _ctx?: Partial<NativeContext> })._ctx;
  for (const method of ["initBatch", "addToBatch", "decodeBatch", "sampleToken", "disposeSequence"] as const) {
    if (typeof native?.[method] !== "function") throw internalsError(`node-llama-cpp's LlamaContext has no native ${method}`);
  }
  return native as NativeContext;
}

/** A new native sampler for the model, configured; a named error if this node-llama-cpp has none. */
export function nativeSampler(model: LlamaModel, config: Parameters<NativeSampler["applyConfig"]>[0]): NativeSampler {
  const internals = model as unknown as { _llama?: { _bindings?: { AddonSampler?: new (model: unknown) => NativeSampler } }; _model?: unknown };
  const AddonSampler = internals._llama?._bindings?.AddonSampler;
  if (typeof AddonSampler !== "function" || internals._model == null) throw internalsError("node-llama-cpp's LlamaModel has no native sampler");
  const sampler = new AddonSampler(internals._model);
  for (const method of ["applyConfig", "dispose"] as const) {
    if (typeof sampler[method] !== "function") throw internalsError(`node-llama-cpp's native sampler has no ${method}`);
  }
  sampler.applyConfig(config);
  return sampler;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return (value as object).constructor?.name ?? "an object";
  return typeof value;
}

async function settled(method: string, value: unknown): Promise<unknown> {
  if (typeof (value as { then?: unknown } | null)?.then !== "function")
    throw internalsError(`node-llama-cpp's native ${method} returned ${describe(value)}, not a promise`);
  return value;
}

/**
 * Calls each handle once, as generation does, and checks what it returns: one token through
 * sequence 0 of `native` (which must be empty, and is empty again after), one sample from its row.
 */
export async function probeHandles(native: NativeContext, newSampler: () => NativeSampler, token: Token): Promise<void> {
  const expect = (method: string, ok: boolean, got: unknown, wanted: string) => {
    if (!ok) throw internalsError(`node-llama-cpp's native ${method} returned ${describe(got)}, not ${wanted}`);
  };
  const init = native.initBatch(1);
  expect("initBatch", init === undefined, init, "nothing");
  const rows = native.addToBatch(0, 0, Uint32Array.of(token), Uint32Array.of(0));
  expect("addToBatch", rows instanceof Uint32Array && rows.length === 1, rows, "a Uint32Array of one logit row");
  const decoded = await settled("decodeBatch", native.decodeBatch());
  expect("decodeBatch", decoded === undefined, decoded, "a promise of nothing");
  const sampler = newSampler();
  try {
    const sampled = await settled("sampleToken", native.sampleToken(rows[0]!, sampler));
    expect("sampleToken", Number.isInteger(sampled) && (sampled as number) >= -1, sampled, "a promise of a token id");
  } finally {
    sampler.dispose();
  }
  const disposed = native.disposeSequence(0);
  expect("disposeSequence", disposed === undefined, disposed, "nothing");
}

let probed: Promise<void> | undefined;

/**
 * Once per process, before the first generation: checks the node-llama-cpp version, then probes the
 * native handles on a small context of its own (the contexts that generate are never touched).
 */
export function probeNodeLlamaCpp(model: LlamaModel): Promise<void> {
  probed ??= (async () => {
    checkNodeLlamaCppVersion();
    const context = await model.createContext({ contextSize: 64, sequences: 1, flashAttention: false });
    try {
      const token = model.tokens.bos ?? model.tokenize("a")[0];
      if (token === undefined) throw internalsError("the model has no token to probe node-llama-cpp's native handles with");
      await probeHandles(nativeContext(context), () => nativeSampler(model, { temperature: 1, topK: 40, topP: 1, seed: 1 }), token);
    } finally {
      await context.dispose();
    }
  })();
  probed.catch(() => (probed = undefined));
  return probed;
}
