/**
 * A chart's legend, drawn by us rather than by Recharts so that each entry shows the same
 * mark as the chart (line, dashed line, band, dot, open diamond, triangle…) and its label
 * in the text colour (some series colours are too pale to read as text). The picture
 * download draws the same marks (export.ts).
 */
import type { LegendEntry, LegendShape } from "./export.ts";

export function Swatch({ shape = "bar", color }: { shape?: LegendShape; color: string }) {
  const body = (() => {
    switch (shape) {
      case "line":
        return <line x1={1} y1={7} x2={17} y2={7} stroke={color} strokeWidth={3} />;
      case "dashed":
        return (
          <line
            x1={1}
            y1={7}
            x2={17}
            y2={7}
            stroke={color}
            strokeWidth={2.5}
            strokeDasharray="5 3"
          />
        );
      case "dotted":
        return (
          <line x1={9} y1={0} x2={9} y2={14} stroke={color} strokeWidth={2} strokeDasharray="3 2" />
        );
      case "band":
        return <rect x={1} y={2} width={16} height={10} fill={color} fillOpacity={0.35} />;
      case "dot":
        return <circle cx={9} cy={7} r={4.5} fill={color} />;
      case "diamond":
        return <path d="M9,1L15,7L9,13L3,7Z" fill="#fff" stroke={color} strokeWidth={2} />;
      case "up":
        return <path d="M9,1L16,13L2,13Z" fill="#fff" stroke={color} strokeWidth={2} />;
      case "down":
        return <path d="M9,13L16,1L2,1Z" fill="#fff" stroke={color} strokeWidth={2} />;
      default:
        return <rect x={2} y={1} width={14} height={12} fill={color} />;
    }
  })();
  return (
    <svg width={18} height={14} aria-hidden="true" className="swatch">
      {body}
    </svg>
  );
}

export function ChartLegend({ entries }: { entries: readonly LegendEntry[] }) {
  return (
    <ul className="chart-legend">
      {entries.map((entry) => (
        <li key={entry.label}>
          <Swatch shape={entry.shape} color={entry.color} /> {entry.label}
        </li>
      ))}
    </ul>
  );
}
