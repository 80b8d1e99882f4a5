import { afterEach, describe, expect, test } from "vitest";
import { join } from "node:path";
import { existsSync, readdirSync } from "node:fs";
import { dispatch } from "../../../electron/core/api/createHandlers";
import { openApi, type OpenApi } from "../../../electron/core/api/openApi";
import { runningTrainers } from "../../../electron/core/train/TrainerProcess";
import type { LabEvent } from "../../../electron/shared/api/events";
import { TINY_RECIPES } from "../../../electron/core/models/tinyRecipes";
import { useTempDir } from "../../helpers/tempDir";
import { dbDump } from "../../helpers/dbDump";

/** Asks to stop the build once every default model is pretraining (both trainers running, their intermediate files written). */
function stopWhenPretraining(api: OpenApi, operationId: string): Promise<void> {
  const pretraining = new Set<string>();
  return new Promise((resolve) => {
    const listener = (e: LabEvent) => {
      if (e.type !== "models.progress" || e.stage !== "pretrain" || !e.step) return;
      pretraining.add(e.model);
      if (pretraining.size < TINY_RECIPES.length) return;
      api.events.off("event", listener);
      void dispatch(api.handlers, "operations.cancel", { operationId }).then((r) => {
        expect(r).toEqual({ ok: true, value: { cancelled: true } });
        resolve();
      });
    };
    api.events.on("event", listener);
  });
}

describe("the default-model build can be stopped", () => {
  const tempDir = useTempDir();
  let api: OpenApi | null = null;
  afterEach(async () => {
    await api?.close();
    api = null;
  });

  // rebuild: the shipped weights would be copied, not built
  test(
    "stopped while pretraining its first stage: no model registered, the models folder as before; a second build starts cleanly and stops the same way",
    { timeout: 600_000 },
    async () => {
      const dir = tempDir();
      api = openApi({ dbPath: join(dir, "workspace.sqlite") });
      const before = dbDump(api.db);
      const models = join(dir, "models");
      const files = () => (existsSync(models) ? readdirSync(models).sort() : []);

      for (const operationId of ["build-1", "build-2"]) {
        const asked = stopWhenPretraining(api, operationId);
        const r = await dispatch(api.handlers, "models.buildDefaults", { threads: 1, rebuild: true, operationId });
        await asked;
        expect(r).toMatchObject({ ok: false, error: { code: "cancelled" } });
        expect(runningTrainers()).toEqual([]);
        // no vocabulary, base, corpus, partial or unstamped stage weights left (no stage had finished), no model and no stamp
        expect(files(), operationId).toEqual([]);
        expect(dbDump(api.db), operationId).toEqual(before);
        expect(await api.handlers["models.list"]({})).toEqual([]);
      }
    },
  );
});
