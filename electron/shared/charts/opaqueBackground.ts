import type { Plugin } from "chart.js";

/**
 * Paints the canvas white before a chart draws, so a saved PNG is not transparent (black in some
 * viewers). Self-contained, so a static report can embed its source (see configSource.ts).
 */
export const opaqueBackground: Plugin = {
  id: "opaqueBackground",
  beforeDraw: (chart) => {
    const ctx = chart.ctx;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};
