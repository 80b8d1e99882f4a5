import { describe, expect, test } from "vitest";
import { join } from "node:path";
import { openApi } from "../../../electron/core/api/openApi";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { getExperiment } from "../../../electron/core/db/queries/experiments";
import { listJobs } from "../../../electron/core/db/queries/jobs";
import { StudyRunner } from "../../../electron/core/jobs/StudyRunner";
import { isProcessAlive } from "../../../electron/core/jobs/isProcessAlive";
import { useTempDir } from "../../helpers/tempDir";
import { seedStudy } from "../../fixtures/seedStudy";
import { fakeExecutors } from "../../fixtures/fakeExecutors";

const WORKER = join(import.meta.dirname, "..", "..", "fixtures", "fakeStudyWorker.ts");

describe("quitting while a study runs", () => {
  const tempDir = useTempDir();

  test("close() waits for the runner to stop gracefully: no process is left, the job is marked, and the study resumes to the end", async () => {
    const dbPath = join(tempDir(), "workspace.sqlite");
    const seed = openDatabase(dbPath);
    const id = seedStudy(seed);
    seed.close();
    const api = openApi({ dbPath, workerScript: WORKER });
    const started = new Promise<void>((resolve) =>
      api.events.on("event", (e) => e.type === "study.log" && e.jobKey === "train-2" && e.message.startsWith("started") && resolve()),
    );
    const { pid } = await api.handlers["studies.run"]({ id });
    await started;
    await api.close();
    // close() returned: the runner has exited, not merely been told to
    expect(pid).not.toBeNull();
    expect(isProcessAlive(pid!)).toBe(false);

    const db = openDatabase(dbPath);
    const e = getExperiment(db, { id })!;
    expect(e.state).toBe("cancelled");
    expect(e.runner_pid).toBeNull();
    const jobs = listJobs(db, { experimentId: id });
    expect(jobs.find((j) => j.key === "train-2")!.state).toBe("interrupted");
    expect(jobs.filter((j) => j.state === "running")).toEqual([]);
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors() }).run()).toBe("done");
    db.close();
  });
});
