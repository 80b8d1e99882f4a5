import { afterEach, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { totalmem } from "node:os";
import { join, resolve } from "node:path";
import { dispatch } from "../../../electron/core/api/createHandlers";
import { ApiError, unwrap, type ApiErrorInfo } from "../../../electron/shared/api/errors";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { createStudy } from "../../../electron/core/experiments/createStudy";
import { defaultStudyMemory, machineBudget, studyMemorySettings } from "../../../electron/core/experiments/studyMemory";
import { estimateStudyMemory, studyPeak } from "../../../electron/shared/domain/memoryEstimate";
import { parseStudySpec } from "../../../electron/shared/domain/study";
import type { ResponseOf } from "../../../electron/shared/api/contract";
import { dbDump } from "../../helpers/dbDump";
import { lab } from "../../helpers/runLab";
import { useApiWorkspace } from "../../helpers/apiWorkspace";

const openWorkspace = useApiWorkspace();
const budgetBefore = process.env.COLLAPSE_MEMORY_BUDGET_MIB;
afterEach(() => {
  if (budgetBefore === undefined) delete process.env.COLLAPSE_MEMORY_BUDGET_MIB;
  else process.env.COLLAPSE_MEMORY_BUDGET_MIB = budgetBefore;
});

const TINY = resolve("resources/default-models/tiny-llama3.gguf");

/** A workspace with a synthetic dataset and the shipped tiny model, registered from its header. */
async function workspace() {
  const { dir, dbPath, api } = openWorkspace();
  await importSynthetic(api.db, { records: 60, seed: 3, dir });
  const model = unwrap(await dispatch(api.handlers, "models.add", { path: TINY, name: "tiny" })) as ResponseOf<"models.add">;
  return { dir, dbPath, api, model };
}

const spec = (generate: Record<string, unknown> = {}) => parseStudySpec({ name: "memory", models: ["tiny"], generations: 1, generate });

describe("a study that would not fit this machine's memory is refused at creation", () => {
  it("the budget is this machine's memory unless COLLAPSE_MEMORY_BUDGET_MIB names a smaller one", () => {
    expect(machineBudget({})).toEqual({ ramBytes: totalmem(), gpuBytes: null, label: "this machine's memory" });
    expect(machineBudget({ COLLAPSE_MEMORY_BUDGET_MIB: "512" })).toEqual({
      ramBytes: 512 * 2 ** 20,
      gpuBytes: null,
      label: "the memory budget COLLAPSE_MEMORY_BUDGET_MIB=512",
    });
    expect(machineBudget({ COLLAPSE_MEMORY_BUDGET_MIB: "lots" }).ramBytes).toBe(totalmem());
  });

  it("the tiny model's default study fits this machine and is stored; models.list carries its estimate", async () => {
    const { api, model } = await workspace();
    const { id, jobs } = createStudy(api.db, { spec: spec(), source: "", versions: {} });
    expect(id).toBeGreaterThan(0);
    expect(jobs).toBeGreaterThan(0);
    const estimate = estimateStudyMemory(model.info, studyMemorySettings(spec()));
    // the list's figures are the default study's, the same as a study of the defaults would be checked against
    expect(model.memory).toEqual({ trainingBytes: Math.round(estimate.trainer.total), generationBytes: Math.round(estimate.generation.total) });
    expect(defaultStudyMemory(model.info)).toEqual(model.memory);
    const [listed] = unwrap(await dispatch(api.handlers, "models.list", {})) as ResponseOf<"models.list">;
    expect(listed!.memory).toEqual(model.memory);
  });

  it("over the budget: refused with the estimate and the largest sequences that fit, nothing stored, on the API and CLI roads", async () => {
    const { dir, dbPath, api, model } = await workspace();
    const settings = studyMemorySettings(spec({ sequences: 64 }));
    const estimate = estimateStudyMemory(model.info, settings);
    // a budget short of what 40 parallel samples need, above what training needs; `most` samples fit it and one more would not
    const need = (n: number) => estimateStudyMemory(model.info, { ...settings, generate: { ...settings.generate, sequences: n } }).generation.total;
    const mib = Math.floor(need(40) / 2 ** 20);
    const most = Array.from({ length: 64 }, (_, i) => i + 1)
      .filter((n) => need(n) <= mib * 2 ** 20)
      .pop()!;
    expect(most).toBeGreaterThan(30);
    expect(most).toBeLessThan(40);
    expect(need(most + 1)).toBeGreaterThan(mib * 2 ** 20);
    expect(mib * 2 ** 20).toBeGreaterThan(estimate.trainer.total);
    process.env.COLLAPSE_MEMORY_BUDGET_MIB = String(mib);
    const before = dbDump(api.db);

    let fromApi: ApiErrorInfo | null = null;
    try {
      unwrap(await dispatch(api.handlers, "studies.create", { spec: { name: "memory", models: ["tiny"], generations: 1, generate: { sequences: 64 } } }));
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      fromApi = (error as ApiError).toInfo();
    }
    const mibText = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
    expect(fromApi).toEqual({
      code: "invalid-argument",
      field: "spec.generate.sequences",
      reason: "over-memory-budget",
      message:
        `models[0]: tiny would need about ${mibText(estimate.peak)} (training ${mibText(estimate.trainer.total)}, generation ${mibText(estimate.generation.total)}), ` +
        `more than the memory budget COLLAPSE_MEMORY_BUDGET_MIB=${mib} (${mib} MiB); choose generate.sequences ${most} or fewer (now 64) (docs/memory.md)`,
    });

    const file = join(dir, "study.yaml");
    writeFileSync(file, "name: memory\nmodels: [tiny]\ngenerations: 1\ngenerate:\n  sequences: 64\n");
    const r = await lab(["run", file, "--db", dbPath, "--json"]);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { error: ApiErrorInfo }).error).toEqual(fromApi);
    expect(dbDump(api.db)).toEqual(before);

    // what the message says to choose is accepted
    const created = unwrap(
      await dispatch(api.handlers, "studies.create", { spec: { name: "memory", models: ["tiny"], generations: 1, generate: { sequences: most } } }),
    ) as ResponseOf<"studies.create">;
    expect(created.jobs).toBeGreaterThan(0);
  });

  it("parallelJobs counts that many jobs at once: refused where they would not fit side by side, with the count that fits", async () => {
    const { api, model } = await workspace();
    const { trainer, generation } = estimateStudyMemory(model.info, studyMemorySettings(spec()));
    // room for the study's process with a generator and one trainer beside it, not two
    const mib = Math.floor((studyPeak(trainer, generation, 2) + studyPeak(trainer, generation, 3)) / 2 / 2 ** 20);
    expect(studyPeak(trainer, generation, 2)).toBeLessThanOrEqual(mib * 2 ** 20);
    expect(studyPeak(trainer, generation, 3)).toBeGreaterThan(mib * 2 ** 20);
    process.env.COLLAPSE_MEMORY_BUDGET_MIB = String(mib);
    const before = dbDump(api.db);
    const create = (parallelJobs: number) =>
      dispatch(api.handlers, "studies.create", { spec: { name: "memory", models: ["tiny"], generations: 1, parallelJobs } });
    const refused = await create(3);
    expect(refused.ok).toBe(false);
    const error = (refused as { error: ApiErrorInfo }).error;
    expect(error).toMatchObject({ code: "invalid-argument", field: "spec.parallelJobs", reason: "over-memory-budget" });
    expect(error.message).toMatch(
      /^parallelJobs: 3 jobs side by side of tiny would need about \d+ MiB \(the study's process, and 3 trainers or a generator and 2\), more than the memory budget .*; choose parallelJobs 2 or fewer/,
    );
    expect(dbDump(api.db)).toEqual(before);
    expect((unwrap(await create(2)) as ResponseOf<"studies.create">).jobs).toBeGreaterThan(0);
  });
});
