import type { ChartConfiguration } from "chart.js";
import { Chart, registerables } from "chart.js";
import { ApiError } from "../../shared/api/errors";

/** The part of @napi-rs/canvas this file uses; loaded on demand so the rest of the app works on a platform without its prebuilt binary. */
type CanvasModule = { createCanvas: (width: number, height: number) => { toBuffer(mime: "image/png"): Buffer } };

export const PNG_SIZE = { width: 1200, height: 720 } as const;

let canvasModule: Promise<CanvasModule> | undefined;

function loadCanvas(): Promise<CanvasModule> {
  const specifier = "@napi-rs/canvas";
  canvasModule ??= (import(/* @vite-ignore */ specifier) as Promise<CanvasModule>).catch((error: unknown) => {
    canvasModule = undefined;
    throw new ApiError(
      "not-available",
      `PNG chart files need @napi-rs/canvas, which does not load here (${(error as Error).message}); the report's Download PNG buttons save each chart instead`,
    );
  });
  return canvasModule;
}

/** Fails early, before any file of an export is written, where PNG files cannot be made. */
export async function assertPngAvailable(): Promise<void> {
  await loadCanvas();
}

/** One chart drawn in Node exactly as the report draws it in a browser, at a fixed size, as PNG bytes. */
export async function chartPng(config: ChartConfiguration<"line", { x: number; y: number }[]>): Promise<Buffer> {
  const { createCanvas } = await loadCanvas();
  Chart.register(...registerables);
  const canvas = createCanvas(PNG_SIZE.width, PNG_SIZE.height);
  const chart = new Chart(canvas as never, { ...config, options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 } });
  try {
    return canvas.toBuffer("image/png");
  } finally {
    chart.destroy();
  }
}
