import { describe, expect, test } from "vitest";
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { minimatch } from "minimatch";

const ROOT = join(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
type BuilderConfig = { files: string[]; asarUnpack: string[]; extraResources: { from: string; to: string; filter?: string[] }[] };
const config = parse(readFileSync(join(ROOT, "electron-builder.yml"), "utf8")) as BuilderConfig;

/** The packages electron-builder puts in the app: the production dependencies, transitively. */
function productionPackages(): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !existsSync(join(ROOT, "node_modules", name, "package.json"))) return; // an optional one for another platform
    seen.add(name);
    const p = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8"));
    for (const dep of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) visit(dep);
  };
  for (const dep of Object.keys(pkg.dependencies)) visit(dep);
  return [...seen];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    const s = statSync(p);
    return s.isDirectory() ? filesUnder(p) : [p];
  });
}

/** ELF, PE or Mach-O: a program or library whatever its name. */
function isMachineCode(file: string): boolean {
  if (statSync(file).size < 4) return false;
  const head = Buffer.alloc(4);
  const fd = openSync(file, "r");
  readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  const magic = head.readUInt32BE(0);
  return magic === 0x7f454c46 || head.toString("latin1", 0, 2) === "MZ" || [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic);
}

/**
 * Packaging cannot run here (electron-builder needs the Electron binary), so what can be checked
 * without it is: the configuration is valid by electron-builder's own schema, and every file that
 * must be loaded by path at run time is unpacked from the asar archive.
 */
describe("electron-builder.yml", () => {
  test("is valid by electron-builder's own schema (and the check does reject a wrong key)", async () => {
    const { validateConfiguration } = require("app-builder-lib/out/util/config/config");
    const { DebugLogger } = require("builder-util/out/DebugLogger");
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, asarUnpacked: ["x"] }, new DebugLogger(false))).rejects.toThrow(/asarUnpacked/);
  });

  test("ships the bundles package.json points to, Linux, Windows and macOS targets", () => {
    expect(config.files.some((g) => minimatch(pkg.main, g))).toBe(true);
    expect(config.files.some((g) => minimatch("dist/electron/preload.cjs", g))).toBe(true);
    expect(config.files.some((g) => minimatch("dist/renderer/index.html", g))).toBe(true);
    // the CPU binding built for this machine's CPU stays out; the portable prebuilt ones go in
    const excluded = (f: string) => config.files.some((g) => g.startsWith("!") && minimatch(f, g.slice(1)));
    expect(excluded("node_modules/node-llama-cpp/llama/localBuilds/linux-x64/Release/llama-addon.node")).toBe(true);
    expect(excluded("node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/llama-addon.node")).toBe(false);
    const yml = parse(readFileSync(join(ROOT, "electron-builder.yml"), "utf8"));
    expect(yml.linux.target).toEqual(["AppImage", "deb"]);
    expect(yml.win.target).toEqual(["nsis"]);
    expect(yml.mac.target).toEqual(["dmg"]);
  });

  test("every native file of a production dependency (.node, shared libraries, executables) is unpacked from the asar", () => {
    const native = productionPackages().flatMap((name) =>
      filesUnder(join(ROOT, "node_modules", name))
        .filter((f) => /\.(node|so(\.\d+)*|dll|dylib|metal)$/.test(f) || isMachineCode(f))
        .map((f) => relative(ROOT, f)),
    );
    expect(native.some((f) => f.endsWith("better_sqlite3.node"))).toBe(true);
    expect(native.some((f) => f.endsWith("llama-addon.node"))).toBe(true);
    const packed = native.filter((f) => !config.asarUnpack.some((g) => minimatch(f, g, { dot: true })));
    expect(packed).toEqual([]);
  });

  test("the trainer binary and the example studies ship as extra resources, where the app looks for them", () => {
    const bin = config.extraResources.find((r) => r.to === "bin")!;
    expect(bin.filter!.some((g) => minimatch("collapse-trainer", g) && minimatch("collapse-trainer.exe", g))).toBe(true);
    // the folder the build installs the trainer into and locateTrainer reads (it exists only after a native build, so the unit tier checks the name)
    expect(bin.from).toBe("resources/bin");
    expect(readFileSync(join(ROOT, "electron", "core", "train", "locateTrainer.ts"), "utf8")).toContain('join(repo, "resources", "bin", EXE)');
    expect(existsSync(join(ROOT, config.extraResources.find((r) => r.to === "studies")!.from))).toBe(true);
  });

  test("npm run dist names only scripts that exist", () => {
    const dist = readFileSync(join(ROOT, "scripts", "dist.mjs"), "utf8");
    const named = [...dist.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(Object.keys(pkg.scripts), script).toContain(script);
    expect(pkg.scripts.dist).toBe("node scripts/dist.mjs");
  });
});
