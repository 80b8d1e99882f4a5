import type { ChartConfiguration } from "chart.js";
import { useRef } from "react";
import { useI18n } from "../../i18n/I18n";
import { ChartCanvas } from "../../components/ChartCanvas";
import { download } from "./exportFiles";

/** One metric's collapse curves, with its own button to save the chart as a PNG. */
export function CollapseChartCard({
  metric,
  config,
  fileName,
  canvasRef,
}: {
  metric: string;
  config: ChartConfiguration;
  fileName: string;
  canvasRef: (c: HTMLCanvasElement | null) => void;
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  return (
    <div className="card">
      <ChartCanvas
        config={config}
        label={metric}
        height={280}
        canvasRef={(c) => {
          canvas.current = c;
          canvasRef(c);
        }}
      />
      <div className="chart-actions">
        <button
          className="link"
          onClick={() => canvas.current && download(fileName, canvas.current.toDataURL("image/png"), "image/png")}
          aria-label={`${t("results.exportPng")}: ${metric}`}
        >
          PNG
        </button>
      </div>
    </div>
  );
}
