import { describe, expect, it } from "vitest";
import { copyFileSync, cpSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { DefaultModelProgress } from "../../../electron/core/models/buildDefaultModels";
import type { TinyRecipe } from "../../../electron/core/models/tinyRecipes";
import { useTempDir } from "../../helpers/tempDir";
import { buildSmall, smallRecipes } from "../../helpers/smallRecipes";

const small = (stages: number) => smallRecipes(stages);

async function build(dir: string, recipes: TinyRecipe[], shippedDir?: string, keepStagesIn?: string) {
  const events: DefaultModelProgress[] = [];
  const built = await buildSmall(dir, recipes, {
    ...(shippedDir ? { shippedDir } : {}),
    onProgress: (p) => {
      events.push(p);
      if (keepStagesIn && p.stage === "stage-done" && p.pretrainStage?.path)
        copyFileSync(p.pretrainStage.path, join(keepStagesIn, `${p.model}-${p.pretrainStage.index}.gguf`));
    },
  });
  const trained = (model: string) => [...new Set(events.filter((e) => e.model === model && e.stage === "pretrain").map((e) => e.pretrainStage!.index))];
  return { built, events, trained };
}

describe("the default models' staged build", () => {
  const tempDir = useTempDir("staged-build-");

  it(
    "pretrains stage after stage with the time left for the whole build, and a longer recipe resumes after the stages already built",
    { timeout: 300_000 },
    async () => {
      const dir = tempDir();
      const one = await build(dir, small(1));
      expect(one.trained("tiny-mistral")).toEqual([1]);
      expect(one.events.some((e) => e.stage === "pretrain" && e.etaSeconds != null)).toBe(true);
      // the same recipe again is cached: nothing trains
      const again = await build(dir, small(1));
      expect(again.events.filter((e) => e.stage === "pretrain")).toHaveLength(0);
      expect(
        again.events
          .filter((e) => e.stage === "cached")
          .map((e) => e.model)
          .sort(),
      ).toEqual(["tiny-llama3", "tiny-mistral"]);
      // three stages: stage 1 is not in the folder any more (the finished build removed it), so all three train
      const three = await build(dir, small(3));
      expect(three.trained("tiny-llama3")).toEqual([1, 2, 3]);
      expect(three.events.filter((e) => e.stage === "stage-done" && e.model === "tiny-llama3").map((e) => e.pretrainStage!.index)).toEqual([1, 2, 3]);
      // a build stopped after its second stage resumes at the third: leave stage files in place by stopping at "stage-done" 2
      const dir2 = tempDir();
      const stop = new AbortController();
      await expect(
        buildSmall(dir2, small(3), {
          signal: stop.signal,
          onProgress: (p) => {
            if (p.stage === "stage-done" && p.pretrainStage!.index === 2 && p.model === "tiny-mistral") stop.abort();
          },
        }),
      ).rejects.toThrow();
      expect(existsSync(join(dir2, "tiny-mistral.gguf"))).toBe(false);
      expect(readdirSync(dir2)).toContain("tiny-mistral.stage-2-of-3.gguf");
      const resumed = await build(dir2, small(3));
      expect(resumed.trained("tiny-mistral")).toEqual([3]);
      expect(existsSync(join(dir2, "tiny-mistral.gguf"))).toBe(true);
      expect(readdirSync(dir2).filter((f) => f.includes(".stage-"))).toEqual([]);
    },
  );

  it(
    "a recipe that adds stages of new reports after its vocabularyRecords builds the shorter recipe's stages byte for byte",
    { timeout: 300_000 },
    async () => {
      const shorter = smallRecipes(2, { corpusRecords: 16 }).map((r) => ({ ...r, pretrain: { ...r.pretrain, vocabularyRecords: 16 } }));
      const a = tempDir();
      await build(a, shorter);
      // a third stage on reports 16-24, on the conclusions of hospitals that always name the category
      const longer = smallRecipes(3, { corpusRecords: 24 }).map((r) => ({
        ...r,
        pretrain: { ...r.pretrain, vocabularyRecords: 16, answerLossFrom: 3, alwaysNamed: { from: 3, to: 3 } },
      }));
      const b = tempDir();
      const kept = tempDir();
      const longerBuild = await build(b, longer, undefined, kept);
      expect(longerBuild.trained("tiny-llama3")).toEqual([1, 2, 3]);
      // each stage's weights as the build finished it (growth.ts keeps them the same way)
      for (const name of ["tiny-mistral", "tiny-llama3"]) {
        const second = readFileSync(join(kept, `${name}-2.gguf`));
        expect(second.equals(readFileSync(join(a, `${name}.gguf`))), name).toBe(true);
        // the third stage trained on top of them
        expect(readFileSync(join(b, `${name}.gguf`)).equals(second), name).toBe(false);
      }
    },
  );

  it("copies shipped weights whose stamp matches the recipe, and builds when it does not", { timeout: 300_000 }, async () => {
    const shipped = tempDir();
    const first = await build(shipped, small(1));
    expect(first.built.every((b) => b.pretrain !== null)).toBe(true);
    const dir = tempDir();
    const copied = await build(dir, small(1), shipped);
    expect(
      copied.events
        .filter((e) => e.stage === "shipped")
        .map((e) => e.model)
        .sort(),
    ).toEqual(["tiny-llama3", "tiny-mistral"]);
    expect(copied.events.filter((e) => e.stage === "pretrain")).toHaveLength(0);
    for (const name of ["tiny-mistral", "tiny-llama3"])
      expect(readFileSync(join(dir, `${name}.gguf`)).equals(readFileSync(join(shipped, `${name}.gguf`)))).toBe(true);
    // another recipe (two stages) does not match what shipped: built, not copied
    const other = tempDir();
    cpSync(shipped, join(other, "shipped"), { recursive: true });
    const rebuilt = await build(join(other, "models"), small(2), join(other, "shipped"));
    expect(rebuilt.events.filter((e) => e.stage === "shipped")).toHaveLength(0);
    expect(rebuilt.trained("tiny-mistral")).toEqual([1, 2]);
  });
});
