import type { ChartConfiguration } from "chart.js";
import { colour } from "../../../electron/shared/charts/palette";

/** The training loss as it arrives, one line per training job. */
export function lossChart(points: { job: string; step: number; loss: number }[], label: string): ChartConfiguration<"line"> {
  const jobs = [...new Set(points.map((p) => p.job))];
  return {
    type: "line",
    data: {
      datasets: jobs.map((job, i) => ({
        label: job,
        data: points.filter((p) => p.job === job).map((p) => ({ x: p.step, y: p.loss })),
        borderColor: colour(i),
        backgroundColor: colour(i),
        pointRadius: 0,
        borderWidth: 1.5,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { legend: { display: jobs.length > 1, position: "bottom" }, title: { display: false, text: label } },
      scales: { x: { type: "linear", ticks: { display: false } }, y: { title: { display: true, text: "loss" } } },
    },
  };
}
