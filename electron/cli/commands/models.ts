import type { Command } from "commander";
import { listModels } from "../../core/db/queries/models";
import { registerModel } from "../../core/models/registerModel";
import { registerDefaultModels } from "../../core/models/registerDefaultModels";
import { dirname } from "node:path";
import type { ModelInfo } from "../../shared/domain/models";
import { withContext, type CommandContext } from "../context";
import { table } from "../output";

const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** llama.cpp's tokenizer model names, as people know them. */
export function vocabularyKind(model: string | null): string {
  return model === "llama" ? "SentencePiece" : model === "gpt2" ? "byte-level BPE" : (model ?? "unknown");
}

export function modelTable(models: { name: string; info: ModelInfo }[]): string {
  const rows: [string, (i: ModelInfo) => string | number | null][] = [
    ["architecture", (i) => i.architecture],
    ["parameters", (i) => i.parameters.toLocaleString("en-US")],
    ["layers", (i) => i.layers],
    ["embedding / FFN", (i) => `${i.embeddingSize} / ${i.feedForwardSize}`],
    ["heads / KV heads", (i) => `${i.heads} / ${i.kvHeads}${i.gqaRatio && i.gqaRatio > 1 ? ` (GQA ${i.gqaRatio}:1)` : ""}`],
    ["sliding window", (i) => i.slidingWindow || "none"],
    ["rope base", (i) => i.ropeFreqBase],
    ["vocabulary", (i) => `${vocabularyKind(i.vocabularyType)} ${i.vocabularySize?.toLocaleString("en-US")}`],
    ["quantisation", (i) => i.quantization],
    ["file size", (i) => mib(i.fileSize)],
  ];
  return table(rows.map(([label, f]) => [label, ...models.map((m) => f(m.info))]), ["", ...models.map((m) => m.name)]);
}

/** The tiny default models, with one progress line per tenth of each pretraining. */
export async function buildAndRegisterDefaults({ db, dbPath, out, signal }: CommandContext, threads?: number) {
  const lastTenth = new Map<string, number>();
  return registerDefaultModels(db, {
    workspaceDir: dirname(dbPath),
    ...(threads ? { threads } : {}),
    signal,
    onProgress: (p) => {
      const tenth = p.progress && p.progress.steps ? Math.floor((10 * p.progress.step) / p.progress.steps) : -1;
      if (p.progress && (tenth === lastTenth.get(p.model) || p.progress.phase !== "train")) return;
      lastTenth.set(p.model, tenth);
      const eta = "etaSeconds" in p && p.etaSeconds != null ? `, about ${Math.ceil(p.etaSeconds / 60)} min left for the whole build` : "";
      out.info(`${p.model}: ${p.stage}${p.progress ? ` ${p.progress.step}/${p.progress.steps} loss ${p.progress.loss?.toFixed(3) ?? "—"} ${Math.round(p.progress.tokens_per_s ?? 0)} tok/s${eta}` : ""}`);
    },
  });
}

export function registerModelCommands(program: Command): void {
  const models = program.command("models").description("local GGUF models");

  models
    .command("add <file>")
    .description("register a GGUF model and read its architecture facts")
    .option("--name <name>", "display name (default: the file name)")
    .action(async (file: string, opts: { name?: string }, cmd: Command) =>
      withContext(cmd, async ({ db, out, signal }) => {
        const m = await registerModel(db, { path: file, ...(opts.name ? { name: opts.name } : {}), signal });
        out.result(m, () => `registered ${m.name} (${m.path})\n${modelTable([m])}`);
      }),
    );

  models
    .command("list")
    .description("registered models, side by side")
    .action(async (_o, cmd: Command) =>
      withContext(cmd, ({ db, out }) => {
        const rows = listModels(db).map((m) => ({ id: m.id, name: m.name, path: m.path, sha256: m.sha256, origin: m.origin, info: JSON.parse(m.info_json) as ModelInfo }));
        out.result(rows, () => (rows.length ? modelTable(rows) : 'no models; "lab models add <file.gguf>" or "lab models build-defaults"'));
      }),
    );

  models
    .command("build-defaults")
    .description("create and pretrain the tiny default models on the synthetic corpus (cached)")
    .option("--threads <n>", "trainer threads")
    .action(async (opts: { threads?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const registered = await buildAndRegisterDefaults(ctx, opts.threads ? Number(opts.threads) : undefined);
        ctx.out.result(registered, () => modelTable(registered));
      }),
    );
}
