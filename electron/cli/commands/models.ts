import type { Command } from "commander";
import type { ModelInfo } from "../../shared/domain/models";
import type { ModelSummary } from "../../shared/domain/views";
import type { ChatTemplateFamily } from "../../shared/domain/chatTemplateFamily";
import { formatBytes } from "../../shared/domain/memoryEstimate";
import { vocabularyKind } from "../../shared/domain/vocabularyKind";
import { withApi, type CommandContext } from "../context";
import { integerFlag } from "../flags";
import { table } from "../output";

const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** "yes (Llama 3)" for a GGUF that carries a chat template of a known format, "no" for none. */
export function chatTemplateText(family: ChatTemplateFamily | null): string {
  return family ? `yes (${family})` : "no";
}

export function modelTable(models: Pick<ModelSummary, "name" | "info" | "memory" | "chatTemplateFamily">[]): string {
  const rows: [string, (i: ModelInfo, m: Pick<ModelSummary, "memory" | "chatTemplateFamily">) => string | number | null][] = [
    ["architecture", (i) => i.architecture],
    ["parameters", (i) => i.parameters.toLocaleString("en-US")],
    ["layers", (i) => i.layers],
    ["embedding / FFN", (i) => `${i.embeddingSize} / ${i.feedForwardSize}`],
    ["heads / KV heads", (i) => `${i.heads} / ${i.kvHeads}${i.gqaRatio && i.gqaRatio > 1 ? ` (GQA ${i.gqaRatio}:1)` : ""}`],
    ["sliding window", (i) => i.slidingWindow || "none"],
    ["rope base", (i) => i.ropeFreqBase],
    ["vocabulary", (i) => `${vocabularyKind(i.vocabularyType) ?? "unknown"} ${i.vocabularySize?.toLocaleString("en-US")}`],
    ["quantisation", (i) => i.quantization],
    ["file size", (i) => mib(i.fileSize)],
    // a study can prompt this model through it (generate.promptFormat "chat-template")
    ["chat template", (_i, m) => chatTemplateText(m.chatTemplateFamily)],
    // docs/memory.md: what a study with the default settings needs, estimated from the file's header
    ["memory: training", (_i, m) => formatBytes(m.memory.trainingBytes)],
    ["memory: generation", (_i, m) => formatBytes(m.memory.generationBytes)],
  ];
  return table(
    rows.map(([label, f]) => [label, ...models.map((m) => f(m.info, m))]),
    ["", ...models.map((m) => m.name)],
  );
}

/** The tiny default models, built through the handlers, with one progress line per stage and per tenth of each pretraining. */
export async function buildDefaults({ call, onEvent, out }: CommandContext, threads?: number, rebuild?: boolean) {
  const lastLine = new Map<string, string>();
  const stop = onEvent((e) => {
    if (e.type !== "models.progress") return;
    const tenth = e.steps ? Math.floor((10 * (e.step ?? 0)) / e.steps) : -1;
    const key = `${e.stage} ${e.pretrainStage?.index ?? ""} ${tenth}`;
    if (lastLine.get(e.model) === key) return;
    lastLine.set(e.model, key);
    const eta = e.etaSeconds != null ? `, about ${Math.ceil(e.etaSeconds / 60)} min left for the whole build` : "";
    out.info(
      `${e.model}: ${e.stage}${e.pretrainStage ? ` (stage ${e.pretrainStage.index} of ${e.pretrainStage.of})` : ""}${e.steps ? ` ${e.step}/${e.steps} loss ${e.loss?.toFixed(3) ?? "—"} ${Math.round(e.tokensPerSecond ?? 0)} tok/s${eta}` : ""}`,
    );
  });
  try {
    return await call("models.buildDefaults", { ...(threads ? { threads } : {}), ...(rebuild ? { rebuild } : {}) });
  } finally {
    stop();
  }
}

export function registerModelCommands(program: Command): void {
  const models = program.command("models").description("local GGUF models");

  models
    .command("add <file>")
    .description("register a GGUF model and read its architecture facts")
    .option("--name <name>", "display name (default: the file name)")
    .action(async (file: string, opts: { name?: string }, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const m = await call("models.add", { path: file, ...(opts.name ? { name: opts.name } : {}) });
        out.result(m, () => `registered ${m.name} (${m.path})\n${modelTable([m])}`);
      }),
    );

  models
    .command("list")
    .description("registered models, side by side")
    .action(async (_o, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const rows = await call("models.list", {});
        out.result(rows, () => (rows.length ? modelTable(rows) : 'no models; "lab models add <file.gguf>" or "lab models build-defaults"'));
      }),
    );

  models
    .command("build-defaults")
    .description("register the tiny default models: the shipped weights, or built from their recipe (cached)")
    .option("--threads <n>", "trainer threads")
    .option("--rebuild", "build from the recipe instead of copying the shipped weights (up to an hour on 2 cores)")
    .action(async (opts: { threads?: string; rebuild?: boolean }, cmd: Command) =>
      withApi(cmd, async (ctx) => {
        const registered = await buildDefaults(ctx, opts.threads ? integerFlag("--threads", opts.threads) : undefined, opts.rebuild);
        ctx.out.result(registered, () => modelTable(registered));
      }),
    );
}
