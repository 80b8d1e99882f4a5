import type { ChartConfiguration } from "chart.js";
import { ApiError } from "../../shared/api/errors";

/** Chart PNG files need a canvas in Node; not available in this build yet. */
export async function chartPng(_config: ChartConfiguration<"line", { x: number; y: number }[]>): Promise<Buffer> {
  throw new ApiError("not-available", "PNG chart files are not available in this build; the report's Download PNG buttons save each chart");
}
