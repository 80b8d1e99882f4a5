import type { ReactNode } from "react";
import type { LabelSpan, NoduleSpan } from "../../../../electron/shared/domain/views";
import { segmentText } from "./segmentText";

/** A report text with its EU-TIRADS labels marked and, in the description, each nodule boxed. */
export function HighlightedText({
  text,
  labels,
  nodules = [],
  noduleTitle,
}: {
  text: string;
  labels: LabelSpan[];
  nodules?: NoduleSpan[];
  noduleTitle: (n: NoduleSpan) => string;
}) {
  const out: ReactNode[] = [];
  for (const seg of segmentText(text, labels, nodules)) {
    const label = seg.label;
    const content = label ? (
      <mark
        key={`l${seg.start}`}
        className={`label cat-${label.categories[0] ?? "x"} sys-${label.system}`}
        title={`${label.system}: ${label.categories.join(", ") || "—"}`}
      >
        {text.slice(seg.start, seg.end)}
      </mark>
    ) : (
      text.slice(seg.start, seg.end)
    );
    if (seg.nodule) {
      out.push(
        <span key={`n${seg.start}`} className={`nodule nodule-${seg.nodule.index % 4}`} title={noduleTitle(seg.nodule)} data-nodule={seg.nodule.index}>
          {content}
        </span>,
      );
    } else out.push(<span key={`t${seg.start}`}>{content}</span>);
  }
  return <p className="report-text">{out}</p>;
}
