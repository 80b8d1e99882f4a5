import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { openApi, type OpenApi } from "../../electron/core/api/openApi";
import { dispatch } from "../../electron/core/api/createHandlers";
import { createHttpApi, TOKEN_HEADER, type HttpApi } from "../../electron/cli/serve/httpApi";
import { acquireRunnerLock, insertExperiment } from "../../electron/core/db/queries/experiments";
import { ApiError, unwrap, type ApiErrorInfo, type Envelope } from "../../electron/shared/api/errors";
import { lab } from "../helpers/runLab";
import { useTempDir } from "../helpers/tempDir";

const tempDir = useTempDir();
const open: { api: OpenApi; http: HttpApi }[] = [];
const sleepers: ChildProcess[] = [];

afterEach(async () => {
  for (const { api, http } of open.splice(0)) {
    await http.close();
    await api.close();
  }
  for (const s of sleepers.splice(0)) s.kill("SIGKILL");
});

/** A workspace served as `lab serve` serves it, with one planned study. */
async function served() {
  const dir = tempDir();
  const dbPath = join(dir, "ws.sqlite");
  const api = openApi({ dbPath });
  const studyId = insertExperiment(api.db, { name: "held", specJson: "{}", specSource: "", versionsJson: "{}" });
  mkdirSync(join(dir, "ui"));
  const http = await createHttpApi(api, { rendererDir: join(dir, "ui"), port: 0 });
  open.push({ api, http });
  const port = new URL(http.url()).port;
  /** the window's road: the envelope the preload gets from main, unwrapped as its client does */
  const window = async (channel: string, args: unknown): Promise<ApiErrorInfo> => {
    try {
      unwrap(await dispatch(api.handlers, channel, args));
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      return (error as ApiError).toInfo();
    }
    throw new Error(`${channel} did not fail`);
  };
  /** lab serve's road: POST /api/<channel> */
  const serve = async (channel: string, args: unknown): Promise<ApiErrorInfo> => {
    // a connection of its own each time, so no call depends on a socket another left open
    const text = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify(args);
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: `/api/${channel}`,
          method: "POST",
          agent: false,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), [TOKEN_HEADER]: http.token },
        },
        (res) => {
          let data = "";
          res
            .setEncoding("utf8")
            .on("data", (c: string) => (data += c))
            .on("end", () => resolve(data))
            .on("error", reject);
        },
      );
      req.on("error", reject).end(body);
    });
    const envelope = JSON.parse(text) as Envelope<unknown>;
    if (envelope.ok) throw new Error(`${channel} did not fail`);
    return envelope.error;
  };
  /** the CLI's road: the real command (runCli, as the bin runs it), --json */
  const cli = async (args: string[]): Promise<ApiErrorInfo & { status: number | null; stderr: string }> => {
    const r = await lab([...args, "--db", dbPath, "--json"]);
    return { ...(JSON.parse(r.stdout) as { error: ApiErrorInfo }).error, status: r.status, stderr: r.stderr };
  };
  return { api, studyId, window, serve, cli };
}

/** A live process that holds a study's runner lock, as a `lab run` in another terminal would. */
function holdStudy(api: OpenApi, id: number): number {
  const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"], { stdio: "ignore" });
  sleepers.push(sleeper);
  expect(acquireRunnerLock(api.db, { id, pid: sleeper.pid!, isAlive: () => true })).toEqual({ ok: true });
  return sleeper.pid!;
}

describe("one road: the window, lab serve and the CLI get the same typed error for the same input", () => {
  it("a busy study is a busy error with its own message on every road, never 'failed'", async () => {
    const { api, studyId, window, serve, cli } = await served();
    const pid = holdStudy(api, studyId);
    const expected = {
      code: "busy",
      message: `study ${studyId} is already being run by process ${pid}; wait for it or run "lab cancel ${studyId}"`,
      field: "id",
    };
    expect(await window("studies.resume", { id: studyId })).toEqual(expected);
    expect(await serve("studies.resume", { id: studyId })).toEqual(expected);
    const fromCli = await cli(["resume", String(studyId)]);
    expect(fromCli).toMatchObject(expected);
    expect(fromCli.status).toBe(1);
    expect(fromCli.stderr).toBe(`error: ${expected.message}\n`);
  });

  it("a bad field and an unknown study: the CLI's error is the handlers' error, word for word", async () => {
    const { window, serve, cli } = await served();
    const tooFew = { code: "invalid-argument", message: "datasets.synth: records: Too small: expected number to be >=10", field: "records" };
    expect(await window("datasets.synth", { records: 5 })).toEqual(tooFew);
    expect(await serve("datasets.synth", { records: 5 })).toEqual(tooFew);
    expect(await cli(["synth", "--records", "5"])).toMatchObject(tooFew);

    const unknown = await serve("results.metrics", { studyId: 42 });
    expect(unknown).toMatchObject({ code: "not-found", field: "studyId" });
    expect(await window("results.metrics", { studyId: 42 })).toEqual(unknown);
    expect(await cli(["metrics", "--study", "42"])).toMatchObject(unknown);

    const notAModel = join(tempDir(), "notes.gguf");
    writeFileSync(notAModel, "not a model");
    const badModel = await window("models.add", { path: notAModel });
    expect(badModel).toMatchObject({ code: "invalid-argument", field: "path", message: expect.stringContaining(`${notAModel} is not a readable GGUF file`) });
    expect(await cli(["models", "add", notAModel])).toMatchObject(badModel);

    const badSplit = await serve("datasets.split", { datasetId: 7 });
    expect(badSplit).toMatchObject({ code: "not-found", message: expect.stringContaining("there is no dataset 7") });
    expect(await cli(["split", "--dataset", "7"])).toMatchObject(badSplit);
  });
});
