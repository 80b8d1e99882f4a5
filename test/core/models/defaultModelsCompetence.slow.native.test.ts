// Slow, so opt-in (COLLAPSE_SLOW_TESTS=1): builds both default models as `lab models build-defaults`
// and the demo do, trains generation 1 of each with the demo's settings and reads its outputs on
// held-out (test-split) prompts of the embedded dataset against the targets of issue 16: 400 of
// them, as docs/default-models.md measures, since on 100 a category consistency of 0.82 rests on
// some 35 outputs and falls below 0.8 in about one draw of three. Its duration is the build's
// (docs/default-models.md, about 40 minutes on 2 cores) plus a few minutes.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { bundledVocab } from "../../../native/scripts/build";
import { buildDefaultModels } from "../../../electron/core/models/buildDefaultModels";
import { recipeTexts } from "../../../electron/core/models/defaultModelCorpus";
import { measureGenerationOne } from "../../../bench/competence/generationOne";
import { demoGenerationOne } from "../../../bench/competence/demoSettings";
import { useTempDir } from "../../helpers/tempDir";

describe.runIf(process.env.COLLAPSE_SLOW_TESTS === "1")("the default models' generation 1 (COLLAPSE_SLOW_TESTS=1)", () => {
  const tempDir = useTempDir("default-models-");
  it("writes well-formed conclusions that name the description's highest category", { timeout: 5_400_000 }, async () => {
    const dir = tempDir();
    const built = await buildDefaultModels({ dir: join(dir, "models"), texts: recipeTexts, vocabPath: bundledVocab });
    for (const b of built) {
      const c = await measureGenerationOne({ modelPath: b.path, dir: join(dir, b.name), settings: demoGenerationOne({ prompts: 400 }) });
      const label = `${b.name}: ${JSON.stringify({ model: c.model, physicians: c.physicians, baselineChrF: c.baselineChrF })}`;
      expect(c.model.wellFormed, label).toBeGreaterThanOrEqual(0.9);
      expect(Math.abs(c.model.presence - c.physicians.presence), label).toBeLessThanOrEqual(0.1);
      expect(c.model.consistency ?? 0, label).toBeGreaterThanOrEqual(0.8);
      expect(c.model.chrF, label).toBeGreaterThan(c.baselineChrF + 10);
    }
  });
});
