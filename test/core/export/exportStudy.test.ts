import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { exportStudy } from "../../../electron/core/export/exportStudy";
import { getExperiment } from "../../../electron/core/db/queries/experiments";
import { listGenerations } from "../../../electron/core/db/queries/generations";
import { insertSamples, listSamplesOfJob } from "../../../electron/core/db/queries/samples";
import { listMetricPoints, toMetricPoint } from "../../../electron/core/db/queries/metricPoints";
import { getModel } from "../../../electron/core/db/queries/models";
import { noiseFloorOf } from "../../../electron/core/metrics/noiseFloor";
import { studyInputs } from "../../../electron/core/experiments/executors/studyInputs";
import type { StudySettings } from "../../../electron/core/experiments/createStudy";
import { useTempDir } from "../../helpers/tempDir";
import { AWKWARD_OUTPUT, exportableStudy } from "../../fixtures/exportableStudy";

const tempDir = useTempDir();

describe("exportStudy (a study stored in a real SQLite file)", () => {
  it("samples.jsonl holds every stored sample per generation and the real records the metrics read, nothing else", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const out = join(dir, "export");
    const result = await exportStudy(db, { experimentId: studyId, dir: out, formats: ["jsonl"] });
    expect(result).toEqual({ dir: out, files: ["samples.jsonl"] });
    const lines = readFileSync(join(out, "samples.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);

    const settings = JSON.parse(getExperiment(db, { id: studyId })!.spec_json) as StudySettings;
    const inputs = studyInputs(db, settings);
    // the training prompts' records, then the held-out prompts' (test split), each saying which
    const real = [...inputs.train.map((r) => [r, "train"] as const), ...inputs.test.map((r) => [r, "heldout"] as const)].map(([r, prompts]) => ({
      model: "real",
      generation: 0,
      recordId: r.recordId,
      prompt: inputs.plainPrompt(r),
      output: r.conclusion,
      prompts,
    }));
    const generated = listGenerations(db, { experimentId: studyId }).flatMap((g) =>
      listSamplesOfJob(db, { jobId: g.generate_job_id }).map((s) => ({
        model: getModel(db, { id: g.model_id })!.name,
        design: g.design,
        generation: g.generation_index,
        seed: g.seed,
        recordId: s.record_id,
        prompt: s.prompt,
        output: s.output,
        tokenCount: s.token_count,
      })),
    );
    const pick = (l: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, l[k]]));
    const key = (x: object) => JSON.stringify(x);
    const realLines = lines.filter((l) => l.model === "real");
    expect(
      realLines
        .map((l) => pick(l, ["model", "generation", "recordId", "prompt", "output", "prompts"]))
        .map(key)
        .sort(),
    ).toEqual(real.map(key).sort());
    expect(realLines.every((l) => l.design === "real" && l.seed === settings.spec.splitSeed)).toBe(true);
    const genLines = lines.filter((l) => l.model !== "real");
    expect(
      genLines
        .map((l) => pick(l, ["model", "design", "generation", "seed", "recordId", "prompt", "output", "tokenCount"]))
        .map(key)
        .sort(),
    ).toEqual(generated.map(key).sort());
    expect(generated.length).toBe(4 * 5 * 2); // 2 models × 2 designs × 2 generations × 5 records; M1 is shared by both designs
    expect(genLines.some((l) => String(l.output).startsWith(AWKWARD_OUTPUT))).toBe(true);
    db.close();
  });

  it("a generation larger than one read page comes out whole and in order", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const g = listGenerations(db, { experimentId: studyId }).find((x) => x.design === "recursive" && x.generation_index === 2)!;
    insertSamples(
      db,
      Array.from({ length: 4500 }, (_, i) => ({
        job_id: g.generate_job_id,
        idx: 100 + i,
        record_id: null,
        prompt: "p",
        output: `o${i}`,
        token_count: 1,
        finish_reason: "eos",
        seed: i,
      })),
    );
    const out = join(dir, "export");
    await exportStudy(db, { experimentId: studyId, dir: out, formats: ["jsonl"] });
    const model = getModel(db, { id: g.model_id })!.name;
    const idx = readFileSync(join(out, "samples.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { model: string; design: string; generation: number; idx: number })
      .filter((l) => l.model === model && l.design === "recursive" && l.generation === 2)
      .map((l) => l.idx);
    expect(idx).toEqual(listSamplesOfJob(db, { jobId: g.generate_job_id }).map((s) => s.idx));
    expect(idx).toHaveLength(4505);
    db.close();
  });

  it("metrics.csv round-trips every metric point, numbers in full precision, RFC 4180 quoting", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const out = join(dir, "export");
    await exportStudy(db, { experimentId: studyId, dir: out, formats: ["csv"] });
    const text = readFileSync(join(out, "metrics.csv"), "utf8");
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const num = (s: string) => (s === "" ? null : Number(s));
    const stored = listMetricPoints(db, { experimentId: studyId });
    expect(rows).toHaveLength(stored.length);
    expect(
      rows.map((r) => ({
        study: Number(r.study),
        design: r.design,
        model: r.model,
        generation: Number(r.generation),
        seed: num(r.seed!),
        metric: r.metric,
        value: num(r.value!),
        low: num(r.low!),
        high: num(r.high!),
      })),
    ).toEqual(
      stored.map((p) => {
        const { chain: _chain, ...point } = toMetricPoint(p);
        return { study: studyId, ...point };
      }),
    );
    expect(text.split("\r\n")[0]).toBe("study,design,model,generation,seed,metric,value,low,high,trained_on,chain,interval,prompts");
    expect(text).toContain(String(Math.PI / 10 + 1 / 3));
    db.close();
  });

  it("report.html is one offline file: the paper's tables, escaped database texts, settings, versions, no URL", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const out = join(dir, "export");
    await exportStudy(db, { experimentId: studyId, dir: out, formats: ["html"] });
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]+(src|href)=/i);
    expect(html).toContain("default-src 'none'");
    for (const metric of ["kl_unigram_vs_m1", "kl_unigram_vs_real", "distinct_3"]) {
      expect(html).toContain(`<table data-metric="${metric}">`);
      expect(html).toContain(`data-metric="${metric}"></canvas>`);
    }
    expect(html).not.toContain('data-metric="kl_noise_floor"');
    const m1Table = html.slice(
      html.indexOf('<table data-metric="kl_unigram_vs_m1">'),
      html.indexOf("</table>", html.indexOf('<table data-metric="kl_unigram_vs_m1">')),
    );
    expect(m1Table).toContain("<th>M1</th><th>M2</th>");
    expect(m1Table).toContain("<th>tiny-a · recursive, 1 seed</th><td>0.0000</td><td>0.1429</td>");
    expect(html).toContain("Study " + studyId + ": export &lt;test&gt; &quot;study&quot;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("<script>alert(1)");
    // side by side: a row per chain, the cross chain written by both models in turn
    const crossRow = html.slice(
      html.indexOf("<th>cross · chain A-first · seed 7</th>"),
      html.indexOf("</tr>", html.indexOf("<th>cross · chain A-first · seed 7</th>")),
    );
    expect(crossRow.match(/<span class="who">(.*?)<\/span>/g)).toEqual(['<span class="who">tiny-a</span>', '<span class="who">tiny-b</span>']);
    expect(html).toContain("&quot;trainRecords&quot;: 5");
    expect(html).toContain(`&quot;node&quot;: &quot;${process.versions.node}&quot;`);
    expect(html).toContain("new Chart(");
    // the noise floor on the KL charts, the window's own (generations ≥ 1), in full precision
    expect(html).toContain(`"y":${noiseFloorOf(db, { experimentId: studyId }).kl_unigram_vs_real}`);
    db.close();
  });

  it("an unknown study is a clear error and writes nothing", async () => {
    const dir = tempDir();
    const { db } = await exportableStudy(dir);
    const out = join(dir, "never");
    await expect(exportStudy(db, { experimentId: 999, dir: out, formats: ["csv", "jsonl", "html"] })).rejects.toThrow(/there is no study 999/);
    expect(existsSync(out)).toBe(false);
    db.close();
  });

  it("a folder that cannot be made is a clear error naming it", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    await expect(exportStudy(db, { experimentId: studyId, dir: join(file, "out"), formats: ["csv"] })).rejects.toThrow(
      `cannot write the export into ${join(file, "out")}`,
    );
    db.close();
  });

  it("stops between files when cancelled, and reports progress per file", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const controller = new AbortController();
    const seen: string[] = [];
    const run = exportStudy(db, {
      experimentId: studyId,
      dir: join(dir, "out"),
      formats: ["csv", "jsonl", "html"],
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.file);
        if (p.file === "samples.jsonl") controller.abort(new Error("stop"));
      },
    });
    await expect(run).rejects.toThrow("stop");
    expect(seen).toEqual(["metrics.csv", "samples.jsonl"]);
    // a stopped export leaves none of its files (a partial set would read as a whole export): no metrics.csv
    // written before the stop, no half samples.jsonl, no .partial
    expect(readdirSync(join(dir, "out"))).toEqual([]);
    db.close();
  });
});
