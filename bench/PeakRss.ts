import { readdirSync, readFileSync } from "node:fs";

/**
 * The peak resident memory of this process (its own high-water mark) and of each child program
 * (collapse-trainer, llama.cpp's tools), by name: Node gives no child's rusage, so every child's
 * VmHWM is read from /proc twice a second while it lives (Linux only; elsewhere children read 0).
 */
export class PeakRss {
  private readonly children = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  start(): this {
    this.timer = setInterval(() => this.poll(), 500);
    this.timer.unref();
    return this;
  }

  stop(): { selfMiB: number; childrenMiB: Map<string, number> } {
    this.poll();
    if (this.timer) clearInterval(this.timer);
    return { selfMiB: process.resourceUsage().maxRSS / 1024, childrenMiB: this.children };
  }

  private poll(): void {
    let pids: string[];
    try {
      pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
        const name = /^Name:\s+(.+)$/m.exec(status)?.[1] ?? pid;
        const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
        this.children.set(name, Math.max(this.children.get(name) ?? 0, hwm));
      } catch {
        // the process ended between the listing and the read
      }
    }
  }
}
