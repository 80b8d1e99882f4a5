import type { StudySpec } from "../../shared/domain/study";
import { designKey, designsOf, REAL_DATA, type StudyDesign } from "../../shared/domain/design";
import type { DataSource } from "../jobs/jobSchemas";
import type { PlannedGeneration, PlannedJob, StudyPlan } from "./PlannedJob";

const LETTERS = ["A", "B"];

/** FNV-1a, 32 bit, hex: short stable ids for lineages (not security). */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The key of the job that writes a generation's answers to the held-out prompts, from its generate job's key. */
export function heldoutKeyOf(generateKey: string): string {
  return generateKey.replace(/^generate-/, "heldout-");
}

/**
 * Expands a study into jobs. A job's key is a hash of its whole lineage (model, seed, training
 * data, starting adapter), so identical work — every design's M1 = LoRA(base, real train split) —
 * is planned once and shared.
 *
 * trainSize is the number of real training pairs (after the spec's subsample).
 */
export function planStudy(spec: StudySpec, trainSize: number): StudyPlan {
  const jobs = new Map<string, PlannedJob>();
  const generations: PlannedGeneration[] = [];
  const add = (job: PlannedJob): string => {
    if (!jobs.has(job.key)) jobs.set(job.key, job);
    return job.key;
  };

  const train = (model: number, seed: number, generation: number, data: DataSource, initFrom: string | null): string => {
    const lineage = JSON.stringify({ model, seed, data, initFrom });
    const deps = [...data.synthetic, ...(initFrom ? [initFrom] : [])];
    return add({
      key: `train-${LETTERS[model]}${generation}-s${seed}-${shortHash(lineage)}`,
      kind: "train",
      deps,
      params: { model, seed, generation, data, initFrom },
    });
  };
  const generate = (trainKey: string, model: number, seed: number, generation: number): string =>
    add({ key: trainKey.replace(/^train-/, "generate-"), kind: "generate", deps: [trainKey], params: { model, seed, generation, train: trainKey } });
  // the same model's answers to the fixed held-out prompts: competence and every "vs real" metric read on prompts no model trained on
  const heldout = (trainKey: string, model: number, seed: number, generation: number): string =>
    add({
      key: heldoutKeyOf(trainKey.replace(/^train-/, "generate-")),
      kind: "generate",
      deps: [trainKey],
      params: { model, seed, generation, train: trainKey, prompts: "heldout" },
    });
  const evaluate = (trainKey: string | null, model: number): string =>
    add({
      key: trainKey ? trainKey.replace(/^train-/, "evaluate-") : `evaluate-${LETTERS[model]}0-base`,
      kind: "evaluate",
      deps: trainKey ? [trainKey] : [],
      params: { model, train: trainKey },
    });

  const models = spec.models.map((_, i) => i);
  const realOnly: DataSource = { real: 1, synthetic: [], size: null, sampling: "uniform" };

  for (const seed of spec.seeds) {
    // M1 of each model: the same for every design; sampled twice, the second time for the noise floor of KL vs M1.
    const m1 = new Map<number, { train: string; generate: string; heldout: string; again: string }>();
    for (const m of models) {
      const t = train(m, seed, 1, realOnly, null);
      const g = generate(t, m, seed, 1);
      const again = add({ key: `${g}-again`, kind: "generate", deps: [t], params: { model: m, seed, generation: 1, train: t, again: true } });
      m1.set(m, { train: t, generate: g, heldout: heldout(t, m, seed, 1), again });
    }

    type ChainSpec = { design: StudyDesign; chain: string; modelAt: (k: number) => number; dataFor: (k: number, history: string[]) => DataSource };
    const chains: ChainSpec[] = [];
    for (const design of designsOf(spec)) {
      if (design.kind === "cross") {
        for (const first of models) {
          chains.push({
            design,
            chain: `${LETTERS[first]}-first`,
            modelAt: (k) => (first + k - 1) % 2,
            dataFor: (_k, history) => ({ real: 0, synthetic: [history[history.length - 1]!], size: null, sampling: "uniform" }),
          });
        }
        continue;
      }
      for (const m of models) {
        const letter = LETTERS[m]!;
        if (design.kind === "recursive") {
          chains.push({
            design,
            chain: letter,
            modelAt: () => m,
            dataFor: (_k, h) => ({ real: 0, synthetic: [h[h.length - 1]!], size: null, sampling: "uniform" }),
          });
        } else if (design.kind === "accumulate") {
          chains.push({ design, chain: letter, modelAt: () => m, dataFor: (_k, h) => ({ real: 1, synthetic: [...h], size: null, sampling: "uniform" }) });
        } else if (design.kind === "accumulate-subsample") {
          const size = spec.subsampleSize ?? trainSize;
          chains.push({ design, chain: letter, modelAt: () => m, dataFor: (_k, h) => ({ real: 1, synthetic: [...h], size, sampling: "uniform" }) });
        } else {
          const f = design.realFraction;
          chains.push({
            design,
            chain: `${letter}@${f}`,
            modelAt: () => m,
            dataFor: (_k, h) => ({ real: f, synthetic: [h[h.length - 1]!], size: trainSize, sampling: "real-share" }),
          });
        }
      }
    }

    for (const c of chains) {
      const history: string[] = [];
      let previousTrain: string | null = null;
      for (let k = 1; k <= spec.generations; k++) {
        const model = c.modelAt(k);
        let t: string;
        let g: string;
        let h: string;
        if (k === 1) {
          ({ train: t, generate: g, heldout: h } = m1.get(model)!);
        } else {
          const initFrom = spec.startFrom === "previous" && c.modelAt(k - 1) === model ? previousTrain : null;
          t = train(model, seed, k, c.dataFor(k, history), initFrom);
          g = generate(t, model, seed, k);
          h = heldout(t, model, seed, k);
        }
        const e = evaluate(t, model);
        generations.push({ design: c.design, chain: c.chain, model, seed, generation: k, train: t, generate: g, evaluate: e });
        add({
          key: `metrics-${designKey(c.design)}-${c.chain}-s${seed}-g${k}`,
          kind: "metrics",
          deps: [g, h, e, m1.get(model)!.generate, m1.get(model)!.heldout, m1.get(model)!.again],
          params: {
            design: c.design,
            chain: c.chain,
            model,
            seed,
            generation: k,
            generate: g,
            evaluate: e,
            m1: m1.get(model)!.generate,
            heldout: h,
            m1Heldout: m1.get(model)!.heldout,
            m1Again: m1.get(model)!.again,
            train: t,
          },
        });
        history.push(g);
        previousTrain = t;
      }
    }
    // Generation 0: the real data itself, and each base model's perplexity on it.
    for (const m of models) {
      const e = evaluate(null, m);
      add({
        key: `metrics-real-${LETTERS[m]}-s${seed}-g0`,
        kind: "metrics",
        deps: [e],
        params: {
          design: REAL_DATA,
          chain: LETTERS[m]!,
          model: m,
          seed,
          generation: 0,
          generate: null,
          evaluate: e,
          m1: null,
          heldout: null,
          m1Heldout: null,
          m1Again: null,
        },
      });
    }
  }
  return { jobs: topologicalOrder([...jobs.values()]), generations };
}

/** Dependencies first; ties keep planning order, so the runner works through generations in order. */
function topologicalOrder(jobs: PlannedJob[]): PlannedJob[] {
  const byKey = new Map(jobs.map((j) => [j.key, j]));
  const done = new Set<string>();
  const out: PlannedJob[] = [];
  const visit = (job: PlannedJob, stack: Set<string>) => {
    if (done.has(job.key)) return;
    if (stack.has(job.key)) throw new Error(`dependency cycle at ${job.key}`);
    stack.add(job.key);
    for (const d of job.deps) {
      const dep = byKey.get(d);
      if (!dep) throw new Error(`${job.key} depends on unknown job ${d}`);
      visit(dep, stack);
    }
    stack.delete(job.key);
    done.add(job.key);
    out.push(job);
  };
  for (const j of jobs) visit(j, new Set());
  return out;
}
