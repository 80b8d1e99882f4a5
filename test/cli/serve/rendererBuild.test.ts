import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureRendererBuilt, rendererFresh, rendererSourceHash } from "../../../electron/cli/serve/rendererBuild";
import { useTempDir } from "../../helpers/tempDir";

const tempDir = useTempDir();

describe("lab serve's renderer: built when missing or stale, left alone when fresh", () => {
  it("builds into an empty folder, keeps a fresh build, and takes one from other sources for stale", async () => {
    const dir = join(tempDir(), "renderer");
    expect(rendererFresh(dir)).toBe(false);
    const lines: string[] = [];
    await ensureRendererBuilt({ dir, log: (line) => lines.push(line) });
    expect(readFileSync(join(dir, "index.html"), "utf8")).toContain("Content-Security-Policy");
    expect(readFileSync(join(dir, ".source-hash"), "utf8").trim()).toBe(rendererSourceHash());
    expect(lines[0]).toBe("building the UI (vite) …");
    const built = statSync(join(dir, "index.html")).mtimeMs;

    lines.length = 0;
    await ensureRendererBuilt({ dir, log: (line) => lines.push(line) });
    expect(lines).toEqual([]);
    expect(statSync(join(dir, "index.html")).mtimeMs).toBe(built);

    // as if renderer/ or electron/shared/ had changed since: the next call builds, as the first one did
    writeFileSync(join(dir, ".source-hash"), "0000000000000000\n");
    expect(rendererFresh(dir)).toBe(false);
  });
});
