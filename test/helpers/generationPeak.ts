/**
 * Run as a child process (node --import tsx): generates with the project's generator and prints the
 * rise of this process's peak resident memory over its resident memory just before the model is
 * loaded, as JSON. The peak (VmHWM) is reset there (clear_refs 5), so what the start-up held and freed
 * (tsx compiling, the binding's load) does not hide part of the rise.
 * Usage: generationPeak.ts <model.gguf> <sequences> <contextSize> <batching> <prompts> [pairs.jsonl]
 * (the prompts of a training-pairs file, real descriptions, instead of one short line each)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { LlamaRuntime } from "../../electron/core/generate/LlamaRuntime";
import { generateSamples } from "../../electron/core/generate/generateSamples";

const status = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync("/proc/self/status", "utf8"))![1]) * 1024;

const [modelPath, sequences, contextSize, batching, count, pairsFile] = process.argv.slice(2);
await LlamaRuntime.get();
writeFileSync("/proc/self/clear_refs", "5");
const before = status("VmRSS");
const fromPairs = pairsFile
  ? readFileSync(pairsFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { prompt: string }).prompt)
  : [];
const prompts = Array.from({ length: Number(count) }, (_, id) => ({
  id,
  prompt: fromPairs[id % Math.max(1, fromPairs.length)] ?? `Описание: узел ${id} мм в правой доле\nЗаключение:`,
}));
const r = await generateSamples({
  modelPath: modelPath!,
  prompts,
  seed: 1,
  temperature: 1,
  topP: 1,
  topK: 0,
  maxTokens: 48,
  stop: [],
  sequences: Number(sequences),
  batching: batching as "shared" | "lanes",
  contextSize: Number(contextSize),
  threads: 1,
});
process.stdout.write(JSON.stringify({ before, after: status("VmHWM"), generatedTokens: r.generatedTokens }) + "\n");
process.exit(0);
