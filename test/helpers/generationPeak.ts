/**
 * Run as a child process (node --import tsx): generates with the project's generator and prints the
 * rise of this process's peak resident memory (VmHWM) from just before the model is loaded, as JSON.
 * Usage: generationPeak.ts <model.gguf> <sequences> <contextSize> <batching> <prompts>
 */
import { readFileSync } from "node:fs";
import { LlamaRuntime } from "../../electron/core/generate/LlamaRuntime";
import { generateSamples } from "../../electron/core/generate/generateSamples";

const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))![1]) * 1024;

const [modelPath, sequences, contextSize, batching, count] = process.argv.slice(2);
await LlamaRuntime.get();
const before = peakRss();
const prompts = Array.from({ length: Number(count) }, (_, id) => ({ id, prompt: `Описание: узел ${id} мм в правой доле\nЗаключение:` }));
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
process.stdout.write(JSON.stringify({ before, after: peakRss(), generatedTokens: r.generatedTokens }) + "\n");
process.exit(0);
