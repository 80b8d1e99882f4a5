import { describe, expect, it } from "vitest";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { dispatch } from "../../electron/core/api/createHandlers";
import { ApiError, unwrap, type ApiErrorInfo, type ApiErrorReason } from "../../electron/shared/api/errors";
import { GgufType } from "../../electron/core/models/vocab/ggufKv";
import { bundledVocab } from "../../native/scripts/build";
import { dbDump } from "../helpers/dbDump";
import { lab } from "../helpers/runLab";
import { rewriteGgufKv } from "../helpers/rewriteGgufKv";
import { useApiWorkspace } from "../helpers/apiWorkspace";

// native tier: the vocabulary-only file is the llama.cpp bundle's, which the native build downloads
const openWorkspace = useApiWorkspace();

const TINY = resolve("resources/default-models/tiny-llama3.gguf");

/** A workspace that already holds a model named "kept", which every refused file tries to replace. */
async function workspace() {
  const { dir, dbPath, api } = openWorkspace();
  unwrap(await dispatch(api.handlers, "models.add", { path: TINY, name: "kept" }));
  /** the window's and lab serve's road: the handlers' envelope, unwrapped as the clients do */
  const viaApi = async (path: string): Promise<ApiErrorInfo> => {
    try {
      unwrap(await dispatch(api.handlers, "models.add", { path, name: "kept" }));
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      return (error as ApiError).toInfo();
    }
    throw new Error(`models.add accepted ${path}`);
  };
  const viaCli = async (path: string) => {
    const r = await lab(["models", "add", path, "--name", "kept", "--db", dbPath, "--json"]);
    return { ...(JSON.parse(r.stdout) as { error: ApiErrorInfo }).error, status: r.status, stderr: r.stderr };
  };
  return { dir, api, viaApi, viaCli };
}

/** A copy of the tiny model with its keys edited around the same tensors. */
function edited(dir: string, name: string, edit: Parameters<typeof rewriteGgufKv>[2]): string {
  const out = join(dir, name);
  rewriteGgufKv(TINY, out, edit);
  return out;
}

const cases: { reason: ApiErrorReason; file: (dir: string) => string; message: RegExp }[] = [
  {
    reason: "vocabulary-only",
    file: (dir) => {
      // the bundle's own file, copied so that the path is the test's
      const out = join(dir, "ggml-vocab-llama-bpe.gguf");
      copyFileSync(bundledVocab("llama-bpe"), out);
      return out;
    },
    message: /is a vocabulary-only GGUF: it holds a tokenizer and no weights; register the model file itself$/,
  },
  {
    reason: "truncated",
    file: (dir) => {
      const out = join(dir, "cut.gguf");
      const bytes = readFileSync(TINY);
      writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      return out;
    },
    message: /is truncated: its tensors need 4,854,4\d\d bytes, the file has 2,912,6\d\d; download or copy it again$/,
  },
  {
    reason: "not-gguf",
    file: (dir) => {
      const out = join(dir, "notes.gguf");
      writeFileSync(out, "Заключение: not a model\n");
      return out;
    },
    message: /is not a readable GGUF file \(.*\); a download cut short, or not a GGUF at all$/,
  },
  {
    reason: "unsupported-architecture",
    // a Qwen2 file as llama.cpp names its keys: general.architecture and the qwen2.* hyperparameters
    file: (dir) =>
      edited(dir, "qwen2.gguf", (kv) => {
        for (const [key, value] of [...kv])
          if (key.startsWith("llama.")) {
            kv.delete(key);
            kv.set(`qwen2.${key.slice("llama.".length)}`, value);
          }
        kv.set("general.architecture", { type: GgufType.string, value: "qwen2" });
      }),
    message: /cannot be trained here: its architecture "qwen2" is not one the trainer supports \(llama, mistral;/,
  },
  {
    reason: "mixture-of-experts",
    file: (dir) => edited(dir, "moe.gguf", (kv) => void kv.set("llama.expert_count", { type: GgufType.u32, value: 8 })),
    message: /cannot be trained here: it is a mixture of experts \(8 experts per layer\), which the trainer does not support$/,
  },
];

describe("lab models add and models.add refuse a file nothing here can use, by name, and keep what was stored", () => {
  it.each(cases)("$reason", async ({ reason, file, message }) => {
    const { dir, api, viaApi, viaCli } = await workspace();
    const path = file(dir);
    const before = dbDump(api.db);

    const fromApi = await viaApi(path);
    expect(fromApi).toMatchObject({ code: "invalid-argument", field: "path", reason });
    expect(fromApi.message.startsWith(path)).toBe(true);
    expect(fromApi.message).toMatch(message);

    const fromCli = await viaCli(path);
    expect(fromCli).toMatchObject(fromApi);
    expect(fromCli.status).toBe(1);
    expect(fromCli.stderr).toBe(`error: ${fromApi.message}\n`);

    // the model of the same name is the one registered first, with its own file and hash
    expect(dbDump(api.db)).toEqual(before);
    const [kept] = unwrap(await dispatch(api.handlers, "models.list", {})) as { name: string; path: string }[];
    expect(kept).toMatchObject({ name: "kept", path: TINY });
  });
});
