import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { listModels } from "../../../electron/core/db/queries/models";
import { registerDefaultModels, type RegisterDefaultsProgress } from "../../../electron/core/models/registerDefaultModels";
import { TINY_RECIPES } from "../../../electron/core/models/tinyRecipes";
import { useTempDir } from "../../helpers/tempDir";
import { dbDump } from "../../helpers/dbDump";

const names = TINY_RECIPES.map((r) => r.name);

describe("a default-model build stopped while its models are being registered", () => {
  const tempDir = useTempDir("stopped-registration-");

  // the shipped weights are copied, not trained: the build part takes seconds and the stop lands after it
  it.each(names.map((name) => ({ name })))(
    "stopped as $name is read: no model row is stored, the store is as before, and the next run registers both",
    { timeout: 300_000 },
    async ({ name }) => {
      const dir = tempDir();
      const db = openDatabase(join(dir, "ws.sqlite"));
      await importSynthetic(db, { records: 20, seed: 1, dir });
      const before = dbDump(db);

      const stop = new AbortController();
      const seen: RegisterDefaultsProgress[] = [];
      const stopped = await registerDefaultModels(db, {
        workspaceDir: dir,
        signal: stop.signal,
        onProgress: (p) => {
          seen.push(p);
          // a stamp that no longer matches the recipe would start an hour-long build from scratch: stop, and say so
          if (p.stage === "vocabulary" || p.stage === "init")
            stop.abort(new Error(`${p.model}: the shipped weights were not used (their stamp does not match)`));
          if (p.stage === "registering" && p.model === name) stop.abort(new Error("stopped while registering"));
        },
      }).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(Error);
      expect((stopped as Error).message).toBe("stopped while registering");
      // every build had finished (the shipped weights copied): the stop came during registration, not before it
      const stages = seen.map((p) => p.stage);
      expect(new Set(seen.filter((p) => p.stage === "shipped").map((p) => p.model))).toEqual(new Set(names));
      expect(stages.slice(stages.indexOf("registering"))).toEqual(["registering", ...names.slice(0, names.indexOf(name)).map(() => "registering")]);
      expect(stages).not.toContain("registered");
      expect(listModels(db)).toEqual([]);
      expect(dbDump(db)).toEqual(before);

      const registered = await registerDefaultModels(db, { workspaceDir: dir });
      expect(registered.map((m) => m.name)).toEqual(names);
      expect(
        listModels(db)
          .map((m) => m.name)
          .sort(),
      ).toEqual([...names].sort());
      db.close();
    },
  );
});
