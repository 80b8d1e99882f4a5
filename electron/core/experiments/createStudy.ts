import type { Db } from "../db/openDatabase";
import { insertExperiment } from "../db/queries/experiments";
import { insertJob } from "../db/queries/jobs";
import { insertGeneration } from "../db/queries/generations";
import { findModelByName, findModelByPath, type ModelRow } from "../db/queries/models";
import type { StudySpec } from "../../shared/domain/study";
import { createSplit } from "../data/split/createSplit";
import { planStudy } from "./planStudy";
import { designKey } from "../../shared/domain/design";
import { realPairs, resolveStudyDataset } from "./studyData";
import { resolve } from "node:path";
import { untrainableReason, type ModelInfo } from "../../shared/domain/models";
import { UnsupportedModelError } from "../models/UnsupportedModelError";
import { assertStudyFits, machineBudget, type MemoryBudget } from "./studyMemory";
import { ChatTemplateError } from "../models/ChatTemplateError";
import { renderChatPrompt } from "./chatPrompt";

/** A chat-template study needs every model's template, and one that renders a user turn; refused before anything is stored. */
function chatTemplatesOf(spec: StudySpec, infos: { name: string; info: ModelInfo }[]): (string | null)[] {
  if (spec.generate.promptFormat === "plain") return infos.map(() => null);
  return infos.map(({ name, info }, i) => {
    const template = info.chatTemplate?.trim() ? info.chatTemplate : null;
    if (!template)
      throw new ChatTemplateError(
        "no-chat-template",
        `models[${i}]: ${name} carries no chat template in its GGUF (tokenizer.chat_template), so generate.promptFormat "chat-template" cannot prompt it; ` +
          'use promptFormat "plain" (the default, for base models)',
        `spec.models[${i}]`,
      );
    try {
      renderChatPrompt(template, "probe");
    } catch (error) {
      throw new ChatTemplateError(
        "unusable-chat-template",
        `models[${i}]: ${name}'s chat template cannot render a user turn (${error instanceof Error ? error.message : String(error)}); use promptFormat "plain"`,
        `spec.models[${i}]`,
      );
    }
    return template;
  });
}

export type StudySettings = {
  spec: StudySpec;
  datasetId: number;
  splitId: number;
  /** chatTemplate: the GGUF's template as it was when the study was made, kept when the study prompts through it (generate.promptFormat) */
  models: { id: number; name: string; path: string; sha256: string; chatTemplate?: string | null }[];
  trainSize: number;
  evalSize: number;
};

function resolveModel(db: Db, ref: string, index: number): ModelRow {
  const model = findModelByName(db, { name: ref }) ?? findModelByPath(db, { path: resolve(ref) });
  if (!model)
    throw new Error(
      `models[${index}]: no registered model "${ref}"; register it with "lab models add <file.gguf>" or build the defaults with "lab models build-defaults"`,
    );
  return model;
}

/** Resolves a validated study against the workspace, plans its jobs and stores everything in one transaction. */
export function createStudy(
  db: Db,
  args: { spec: StudySpec; source: string; versions: Record<string, unknown>; budget?: MemoryBudget },
): { id: number; settings: StudySettings; jobs: number } {
  const { spec } = args;
  const dataset = resolveStudyDataset(db, spec.dataset);
  const models = spec.models.map((m, i) => resolveModel(db, m, i));
  const infos = models.map((m) => ({ name: m.name, info: JSON.parse(m.info_json) as ModelInfo }));
  // every study trains: a model the trainer cannot load is refused now, not at its first train job
  infos.forEach((m, i) => {
    const why = untrainableReason(m.info);
    if (why) throw new UnsupportedModelError(why, `models[${i}]: ${m.name} cannot be trained: ${why.message}`, `spec.models[${i}]`);
  });
  const chatTemplates = chatTemplatesOf(spec, infos);
  assertStudyFits(infos, spec, args.budget ?? machineBudget());
  const split = createSplit(db, { datasetId: dataset.id, seed: spec.splitSeed });
  const trainSize = realPairs(db, { datasetId: dataset.id, splitId: split.splitId, part: "train", limit: spec.trainRecords, seed: spec.splitSeed }).length;
  const evalSize = realPairs(db, { datasetId: dataset.id, splitId: split.splitId, part: "test", limit: spec.evalRecords, seed: spec.splitSeed }).length;
  // too small a dataset leaves a split part empty: say so, and what to do
  const tooSmall = (part: string) =>
    `dataset: "${dataset.name}" has no records in its ${part} split (${dataset.record_count} records in all); choose or import a larger dataset`;
  if (trainSize === 0) throw new Error(tooSmall("train"));
  if (evalSize === 0) throw new Error(tooSmall("test"));
  const plan = planStudy(spec, trainSize);
  const settings: StudySettings = {
    spec,
    datasetId: dataset.id,
    splitId: split.splitId,
    models: models.map((m, i) => ({ id: m.id, name: m.name, path: m.path, sha256: m.sha256, ...(chatTemplates[i] ? { chatTemplate: chatTemplates[i] } : {}) })),
    trainSize,
    evalSize,
  };
  const id = db.transaction(() => {
    const experimentId = insertExperiment(db, {
      name: spec.name,
      specJson: JSON.stringify(settings),
      specSource: args.source,
      versionsJson: JSON.stringify({ ...args.versions, models: settings.models.map((m) => ({ name: m.name, sha256: m.sha256 })) }),
    });
    const ids = new Map<string, number>();
    for (const job of plan.jobs) ids.set(job.key, insertJob(db, { experimentId, key: job.key, kind: job.kind, dependsOn: job.deps, params: job.params }));
    for (const g of plan.generations) {
      insertGeneration(db, {
        experiment_id: experimentId,
        design: designKey(g.design),
        chain: g.chain,
        model_id: models[g.model]!.id,
        seed: g.seed,
        generation_index: g.generation,
        train_job_id: ids.get(g.train)!,
        generate_job_id: ids.get(g.generate)!,
        evaluate_job_id: ids.get(g.evaluate) ?? null,
      });
    }
    return experimentId;
  })();
  return { id, settings, jobs: plan.jobs.length };
}
