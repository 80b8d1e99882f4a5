/**
 * `npx tsx bench/competence/readmeSamples.ts <dir>/competence.json [seed]`: the README's table of
 * five generation-1 outputs per default model beside the physicians' conclusions of the same
 * held-out records, picked by a seed.
 */
import { readFileSync } from "node:fs";
import { createRng, shuffled } from "../../electron/shared/random";
import type { Competence } from "./generationOne";

const [file, seedArg] = process.argv.slice(2);
const seed = Number(seedArg ?? 16);
const results = JSON.parse(readFileSync(file!, "utf8")) as Record<string, Competence | unknown>;
const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");
for (const [name, value] of Object.entries(results)) {
  const c = value as Competence;
  if (!c || typeof c !== "object" || !("samples" in c)) continue;
  const rng = createRng(seed).fork(name);
  const picked = shuffled(
    c.samples.map((_, i) => i),
    rng,
  ).slice(0, 5);
  console.log(`\n**${name}**, generation 1 (seed ${seed}):\n\n| description (end) | generation 1 | physician |\n|---|---|---|`);
  for (const i of picked.sort((a, b) => a - b)) {
    const s = c.samples[i]!;
    const description = s.prompt.replace(/^Описание: /u, "").replace(/\nЗаключение:$/u, "");
    console.log(`| …${cell(description.slice(-90))} | ${cell(s.output)} | ${cell(s.physician)} |`);
  }
}
