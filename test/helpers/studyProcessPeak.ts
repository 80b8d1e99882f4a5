/**
 * Run as a child process (node --import tsx): what a study's process holds while it generates, part
 * by part, as JSON. The parts come in the order a study's process meets them: the core's modules,
 * node-llama-cpp's binding, the metrics worker thread (kept for the process once a metrics job ran),
 * the vocabulary-only load that measures token lengths (tokenLengths, before every generate job's
 * first run), then the generation itself with the study's settings. Before each part the peak
 * (VmHWM) is reset to the resident memory (clear_refs 5), so each part's `peak` is the most the
 * process held during it; a poll every 20 ms says how much of that peak was anonymous memory and
 * how much the model file's mapped pages.
 * Usage: studyProcessPeak.ts <model.gguf> <sequences> <contextSize> <batching> <prompts> <maxTokens> [adapter.gguf]
 * STUDY_PEAK_SKIP=vocabularyOnly,metricsThread leaves those parts out (what each adds to the process's peak).
 */
import { readFileSync, writeFileSync } from "node:fs";

const MiB = 2 ** 20;
type Status = { rss: number; hwm: number; anon: number; file: number };
function status(): Status {
  const text = readFileSync("/proc/self/status", "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)![1]) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM"), anon: kb("RssAnon"), file: kb("RssFile") };
}
const mib = (n: number) => Math.round((n / MiB) * 10) / 10;

const parts: Record<string, { before: number; peak: number; after: number; peakAnon: number; peakFile: number }> = {};
const skipped = (process.env.STUDY_PEAK_SKIP ?? "").split(",");
async function part<T>(name: string, run: () => Promise<T>): Promise<T | null> {
  if (skipped.includes(name)) return null;
  writeFileSync("/proc/self/clear_refs", "5");
  const before = status();
  let top = before;
  const poll = setInterval(() => {
    const s = status();
    if (s.rss > top.rss) top = s;
  }, 20);
  try {
    return await run();
  } finally {
    clearInterval(poll);
    const after = status();
    parts[name] = { before: mib(before.rss), peak: mib(after.hwm), after: mib(after.rss), peakAnon: mib(top.anon), peakFile: mib(top.file) };
  }
}

const [modelPath, sequences, contextSize, batching, count, maxTokens, adapter] = process.argv.slice(2);
const atStart = status();
const modules = (await part("modules", async () => {
  const [{ LlamaRuntime }, { generateSamples }, { tokenLengths }, { computeMetricsInWorker }, { generateCorpus }] = await Promise.all([
    import("../../electron/core/generate/LlamaRuntime"),
    import("../../electron/core/generate/generateSamples"),
    import("../../electron/core/generate/autoMaxTokens"),
    import("../../electron/core/metrics/computeMetricsInWorker"),
    import("../../electron/core/data/synth"),
    import("../../electron/core/experiments/runStudy"),
    import("../../electron/core/api/createHandlers"),
  ]);
  return { LlamaRuntime, generateSamples, tokenLengths, computeMetricsInWorker, generateCorpus };
}))!;
await part("binding", () => modules.LlamaRuntime.get());
// the corpus's own reports, as a study prompts them (its default template)
const reports = modules.generateCorpus({ records: 200, seed: 42 });
const prompt = (r: (typeof reports)[number]) => `Описание: ${r.description}\nЗаключение:`;
await part("metricsThread", () =>
  modules.computeMetricsInWorker(
    {
      outputs: reports.slice(0, 32).map((r) => r.conclusion),
      real: reports.slice(32, 64).map((r) => r.conclusion),
      realPool: reports.map((r) => r.conclusion),
    },
    { bootstrap: 100, seed: 1 },
  ),
);
const lengths = await part("vocabularyOnly", () =>
  modules.tokenLengths(modelPath!, {
    answers: reports.slice(0, 128).map((r) => ({ prompt: prompt(r), answer: ` ${r.conclusion}\n` })),
    prompts: reports.slice(128).map(prompt),
  }),
);
const generated = await part("generation", () =>
  modules.generateSamples({
    modelPath: modelPath!,
    ...(adapter ? { loraPath: adapter } : {}),
    prompts: reports.slice(0, Number(count)).map((r, id) => ({ id, prompt: prompt(r) })),
    seed: 1,
    temperature: 1,
    topP: 1,
    topK: 0,
    maxTokens: Number(maxTokens),
    stop: ["\n"],
    sequences: Number(sequences),
    batching: batching as "shared" | "lanes",
    contextSize: Number(contextSize),
    threads: 1,
  }),
);
const meanPromptTokens = lengths ? Math.round(lengths.prompts.reduce((a, b) => a + b, 0) / lengths.prompts.length) : null;
process.stdout.write(
  JSON.stringify({
    atStart: mib(atStart.rss),
    parts,
    processPeak: mib(Math.max(...Object.values(parts).map((p) => p.peak)) * MiB),
    maxRSS: mib(process.resourceUsage().maxRSS * 1024),
    meanPromptTokens,
    generatedTokens: generated?.generatedTokens,
    sequences: generated?.sequences,
  }) + "\n",
);
process.exit(0);
