import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import type { DefaultModelProgress } from "../../../electron/core/models/buildDefaultModels";
import { TINY_RECIPES } from "../../../electron/core/models/tinyRecipes";
import { useTempDir } from "../../helpers/tempDir";
import { buildSmall, smallRecipes } from "../../helpers/smallRecipes";

// stages long enough (tens of steps) that a stop lands inside one
const recipes = smallRecipes(3, { stageRecords: 60, corpusRecords: 180 });
const names = TINY_RECIPES.map((r) => r.name);

function build(dir: string, onProgress: (p: DefaultModelProgress) => void, signal?: AbortSignal) {
  return buildSmall(dir, recipes, { onProgress, ...(signal ? { signal } : {}) });
}

describe("a default-model build stopped between stages", () => {
  const tempDir = useTempDir("stopped-build-");

  it(
    "keeps only its finished stages with their stamps (no vocabulary, base, corpus, partial or unstamped weights, no model), and the next build resumes after them",
    { timeout: 600_000 },
    async () => {
      const dir = tempDir();
      const stop = new AbortController();
      const finished = new Map<string, number[]>(names.map((n) => [n, []]));
      let stoppedIn: { model: string; stage: number } | null = null;
      const stopped = await build(
        dir,
        (p) => {
          if (p.stage === "stage-done") finished.get(p.model)!.push(p.pretrainStage!.index);
          // once every model has a finished stage, stop the first one seen in the first half of a later
          // stage: a stop seen at its last steps can arrive after the stage has finished and been stamped
          const progress = p.progress;
          const training =
            p.stage === "pretrain" && progress?.phase === "train" && progress.step >= 1 && progress.step <= progress.steps / 2 && p.pretrainStage!.index >= 2;
          if (training && !stoppedIn && [...finished.values()].every((done) => done.length > 0)) {
            stoppedIn = { model: p.model, stage: p.pretrainStage!.index };
            stop.abort();
          }
        },
        stop.signal,
      ).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(Error);
      expect(stoppedIn).not.toBeNull();
      const { model, stage } = stoppedIn!;
      // the stage it was stopped in never finished
      expect(finished.get(model)).not.toContain(stage);
      // the other model may have finished its last stage before the stop reached it: then its stages are its model, stamped (a cache, not registered)
      const expected = names.flatMap((n) =>
        finished.get(n)!.length === 3
          ? [`${n}.gguf`, `${n}.gguf.stamp`]
          : finished.get(n)!.flatMap((k) => [`${n}.stage-${k}-of-3.gguf`, `${n}.stage-${k}-of-3.gguf.stamp`]),
      );
      expect(readdirSync(dir).sort()).toEqual(expected.sort());

      const events: DefaultModelProgress[] = [];
      const built = await build(dir, (p) => events.push(p));
      expect(built.map((b) => b.name)).toEqual(names);
      expect(events.filter((e) => e.stage === "vocabulary" || e.stage === "init")).toEqual([]);
      for (const n of names) {
        const trained = [...new Set(events.filter((e) => e.model === n && e.stage === "pretrain").map((e) => e.pretrainStage!.index))];
        const last = Math.max(...finished.get(n)!);
        expect(trained, n).toEqual([1, 2, 3].filter((k) => k > last));
      }
      expect(readdirSync(dir).sort()).toEqual(names.flatMap((n) => [`${n}.gguf`, `${n}.gguf.stamp`]).sort());
    },
  );
});
