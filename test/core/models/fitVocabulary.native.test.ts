import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { bundledVocab } from "../../../native/scripts/build";
import { LlamaRuntime } from "../../../electron/core/generate/LlamaRuntime";
import { fitVocabulary } from "../../../electron/core/models/vocab/fitVocabulary";
import { readGgufKv } from "../../../electron/core/models/vocab/ggufKv";
import { defaultModelTexts } from "../../../electron/core/models/defaultModelCorpus";
import { generateCorpus } from "../../../electron/core/data/synth";
import { useTempDir } from "../../helpers/tempDir";

describe("fitVocabulary", () => {
  const tempDir = useTempDir("fit-vocab-");

  for (const name of ["llama-spm", "llama-bpe"] as const) {
    it(`cuts ${name} to the corpus's tokens and splits other reports exactly as the full vocabulary does`, async () => {
      const { llama } = await LlamaRuntime.get();
      const full = await llama.loadModel({ modelPath: bundledVocab(name), vocabOnly: true, gpuLayers: 0 });
      const used = new Set<number>();
      const texts = defaultModelTexts(300);
      for (const text of texts) for (const t of full.tokenize(text, false)) used.add(t as number);
      const out = join(tempDir(), "vocab.gguf");
      const fitted = fitVocabulary(bundledVocab(name), used, out);
      expect(fitted.kept).toBeLessThan(fitted.from / 10);
      expect(fitted.kept).toBeGreaterThanOrEqual(used.size + 256);
      const kv = readGgufKv(out);
      expect((kv.get("tokenizer.ggml.tokens")!.value as string[]).length).toBe(fitted.kept);
      const cut = await llama.loadModel({ modelPath: out, vocabOnly: true, gpuLayers: 0 });
      const pieces = (m: typeof full, text: string) => m.tokenize(text, false).map((t) => m.detokenize([t]));
      for (const text of texts.slice(0, 100)) expect(pieces(cut, text)).toEqual(pieces(full, text));
      // reports of another seed (the studied corpus) and text outside the genre still tokenise, losslessly
      for (const text of [...generateCorpus({ records: 40, seed: 42 }).map((r) => r.description), "Hello, world! Пациентка 45 лет 😀"]) {
        expect(cut.detokenize(cut.tokenize(text, false))).toBe(text);
      }
      await full.dispose();
      await cut.dispose();
    });
  }
});
