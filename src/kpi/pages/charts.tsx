// Charts drawn on the server as SVG: readable without JavaScript, no inline style (the CSP forbids it),
// each with a data table beside it that carries the same numbers for screen readers and copying.
// Every word comes in from the page (labels, the title, the text of an empty chart), already translated.

export interface Bar {
  label: string;
  value: number;
  /** The value as text, in the KPI's unit. */
  display: string;
}

const COLOR = "#0017c1"; // Digital Agency blue-900: 4.5:1 or more on white.
const AXIS = "#333333";

/** Columns over time (day, week, month or fiscal year), with a label every few columns. */
export interface ChartProps {
  id: string;
  title: string;
  bars: Bar[];
  /** What an empty chart says ("No data"). */
  emptyText: string;
}

export function ColumnChart({ id, title, bars, emptyText }: ChartProps) {
  const width = 720;
  const height = 240;
  const left = 48;
  const bottom = 36;
  const top = 12;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const step = bars.length > 0 ? plotW / bars.length : plotW;
  const every = Math.max(1, Math.ceil(bars.length / 8));
  const titleId = `${id}-title`;
  return (
    <svg
      id={id}
      class="kpi-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={titleId}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{title}</title>
      <line x1={left} y1={top + plotH} x2={width - 8} y2={top + plotH} stroke={AXIS} />
      <line x1={left} y1={top} x2={left} y2={top + plotH} stroke={AXIS} />
      {max > 0 ? (
        <text x={left - 4} y={top + 10} text-anchor="end" font-size="11" fill={AXIS}>
          {bars.find((b) => b.value === max)?.display ?? ""}
        </text>
      ) : null}
      {bars.map((b, i) => {
        const h = max > 0 ? (b.value / max) * plotH : 0;
        const x = left + i * step + step * 0.1;
        return (
          <g>
            <rect x={x} y={top + plotH - h} width={Math.max(1, step * 0.8)} height={h} fill={COLOR}>
              <title>{`${b.label}: ${b.display}`}</title>
            </rect>
            {i % every === 0 ? (
              <text x={x} y={height - bottom + 16} font-size="11" fill={AXIS}>
                {b.label}
              </text>
            ) : null}
          </g>
        );
      })}
      {bars.length === 0 ? (
        <text x={left + 12} y={top + plotH / 2} font-size="14" fill={AXIS}>
          {emptyText}
        </text>
      ) : null}
    </svg>
  );
}

/** Horizontal bars per group (office, purpose, event), labelled with the name and the value. */
export function BarChart({ id, title, bars, emptyText }: ChartProps) {
  const width = 720;
  const row = 24;
  const labelW = 220;
  const valueW = 90;
  const height = Math.max(1, bars.length) * row + 8;
  const plotW = width - labelW - valueW;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const titleId = `${id}-title`;
  return (
    <svg
      id={id}
      class="kpi-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={titleId}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{title}</title>
      {bars.map((b, i) => {
        const w = max > 0 ? (b.value / max) * plotW : 0;
        const y = 4 + i * row;
        return (
          <g>
            <text x={labelW - 6} y={y + 15} text-anchor="end" font-size="12" fill={AXIS}>
              {b.label}
            </text>
            <rect x={labelW} y={y + 3} width={Math.max(0, w)} height={row - 8} fill={COLOR} />
            <text x={labelW + w + 6} y={y + 15} font-size="12" fill={AXIS}>
              {b.display}
            </text>
          </g>
        );
      })}
      {bars.length === 0 ? (
        <text x={12} y={20} font-size="14" fill={AXIS}>
          {emptyText}
        </text>
      ) : null}
    </svg>
  );
}
