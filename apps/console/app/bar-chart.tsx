/** A small SVG bar chart, one bar per point: enough for per-minute series, no chart library. */
export function BarChart({ title, points, unit = '' }: { title: string; points: readonly { label: string; value: number }[]; unit?: string }) {
  const width = 480;
  const height = 120;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = points.length === 0 ? width : width / points.length;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 16}`} role="img" aria-label={`${title}: ${points.map((p) => `${p.label} ${p.value}${unit}`).join(', ') || 'no data'}`}>
        {points.map((point, i) => {
          const h = (point.value / max) * height;
          return (
            <rect key={point.label} x={i * step + 1} y={height - h} width={Math.max(1, step - 2)} height={h} className="bar">
              <title>{`${point.label}: ${point.value}${unit}`}</title>
            </rect>
          );
        })}
        <text x={0} y={height + 14} className="axis">{points[0]?.label ?? 'no data'}</text>
        <text x={width} y={height + 14} textAnchor="end" className="axis">max {Math.round(max)}{unit}</text>
      </svg>
    </figure>
  );
}
