import type { ChartConfiguration } from "chart.js";
import { colour } from "../../../electron/shared/charts/palette";

/** The training loss so far, one line per training job over its steps, so generations compare. */
export function lossChart(curves: Record<string, [number, number][]>, labels: { title: string; step: string; loss: string }): ChartConfiguration<"line"> {
  const jobs = Object.keys(curves);
  return {
    type: "line",
    data: {
      datasets: jobs.map((job, i) => ({
        label: job,
        data: curves[job]!.map(([step, loss]) => ({ x: step, y: loss })),
        borderColor: colour(i),
        backgroundColor: colour(i),
        // markers only while there are few points: a short run would otherwise look like a bare line
        pointRadius: curves[job]!.length < 30 ? 2 : 0,
        borderWidth: 1.5,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { legend: { display: jobs.length > 1, position: "bottom" }, title: { display: false, text: labels.title } },
      scales: {
        x: { type: "linear", title: { display: true, text: labels.step }, ticks: { precision: 0 } },
        y: { title: { display: true, text: labels.loss } },
      },
    },
  };
}
