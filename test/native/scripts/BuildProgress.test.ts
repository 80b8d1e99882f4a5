import { describe, expect, it } from "vitest";
import { BuildProgress, duration } from "../../../native/scripts/BuildProgress";

describe("BuildProgress: the native builds' screen", () => {
  it("off a terminal, one line when a phase starts (with the time it should take) and one when it ends", () => {
    const lines: string[] = [];
    const progress = new BuildProgress((text) => lines.push(text), false);
    const trainer = progress.start("trainer", 125);
    trainer.line("[ 45%] Building CXX object llama.cpp/src/CMakeFiles/llama.dir/llama-model.cpp.o");
    trainer.line("warning: unused variable");
    expect(trainer.done()).toBeGreaterThanOrEqual(0);
    expect(lines).toEqual(["trainer: about 2 min 5 s\n", "trainer: done in 1 s\n"]);
  });

  it("on a terminal, one redrawn line for the running phases with their progress from make's or ninja's marks and the time left", () => {
    let screen = "";
    const progress = new BuildProgress((text) => (screen += text), true);
    const trainer = progress.start("trainer", 120);
    const binding = progress.start("CPU binding", 200);
    trainer.line("[ 50%] Building CXX object x.o");
    binding.line("[20/80] Building CXX object y.o");
    (progress as unknown as { draw(): void }).draw();
    const last = screen.slice(screen.lastIndexOf("\r\x1b[2K") + 5);
    expect(last).toMatch(/^trainer 50%, about \d+ s left · CPU binding 25%, about \d+ s left$/);
    trainer.done();
    binding.done();
    expect(screen.endsWith("CPU binding: done in 1 s\n")).toBe(true);
  });

  it("durations read as a person says them", () => {
    expect([duration(0.2), duration(59.4), duration(60), duration(245)]).toEqual(["1 s", "59 s", "1 min 0 s", "4 min 5 s"]);
  });
});
