import { useEffect, useRef } from "react";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Title, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue("--font").trim() || "system-ui, sans-serif";
Chart.defaults.color = "#44505c";
Chart.defaults.animation = false;

/**
 * What a chart drew, on its canvas element: the points chart.js laid out and its datasets' labels
 * (data-points, data-series), so a test in a real browser can tell a drawn curve from an empty canvas.
 */
function describeDrawn(canvas: HTMLCanvasElement, chart: Chart): void {
  const datasets = chart.data.datasets;
  canvas.dataset.points = String(datasets.reduce((n, _, i) => n + chart.getDatasetMeta(i).data.length, 0));
  canvas.dataset.series = JSON.stringify(datasets.map((d) => d.label ?? ""));
}

/** One chart.js chart; the canvas is exposed so the Results place can export it as PNG. */
export function ChartCanvas({
  config,
  height = 260,
  label,
  canvasRef,
}: {
  config: ChartConfiguration;
  height?: number;
  label: string;
  canvasRef?: (c: HTMLCanvasElement | null) => void;
}) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, config);
    describeDrawn(ref.current, chart);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart" style={{ height }}>
      <canvas
        ref={(c) => {
          ref.current = c;
          canvasRef?.(c);
        }}
        role="img"
        aria-label={label}
      />
    </div>
  );
}
