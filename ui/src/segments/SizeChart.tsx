// A segment's size over time, one point per version, as a small area chart drawn in SVG at the
// width it is given (so its labels keep their size), from zero up so that small changes look
// small. The numbers behind it are in the versions table beside it.

import { Text } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import type { SegmentVersion } from "../bindings/SegmentVersion";
import { formatCount, formatShortDay } from "../format";

/** Until the chart has been measured (and in tests, where nothing has a size). */
const FALLBACK_WIDTH = 640;
const HEIGHT = 170;
const PAD = { left: 52, right: 12, top: 10, bottom: 22 };

export function SizeChart({ versions }: { versions: readonly SegmentVersion[] }) {
  const { ref, width: measured } = useElementSize();
  return (
    <div ref={ref}>
      <Chart versions={versions} width={measured > 0 ? measured : FALLBACK_WIDTH} />
    </div>
  );
}

function Chart({ versions, width }: { versions: readonly SegmentVersion[]; width: number }) {
  // The history comes newest first; time runs left to right.
  const points = [...versions].reverse();
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length < 2) {
    return (
      <Text fz="sm" c="dimmed" data-testid="segment-history-chart-empty">
        The chart appears once the segment has been computed twice.
      </Text>
    );
  }
  const times = points.map((p) => new Date(p.computedAt).getTime());
  const start = Math.min(...times);
  const span = Math.max(...times) - start;
  const bottom = 0;
  const top = Math.max(1, ...points.map((p) => p.size));
  const x = (i: number) =>
    PAD.left + ((span === 0 ? i / (points.length - 1) : ((times[i] ?? start) - start) / span) * (width - PAD.left - PAD.right));
  const y = (size: number) => PAD.top + ((top - size) / (top - bottom)) * (HEIGHT - PAD.top - PAD.bottom);
  const line = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.size).toFixed(1)}`).join(" ");
  const base = HEIGHT - PAD.bottom;
  const area = `${line} L${x(points.length - 1).toFixed(1)},${base} L${x(0).toFixed(1)},${base} Z`;
  const label = `Size over time: ${formatCount(first.size)} on ${formatShortDay(first.computedAt)}, ${formatCount(last.size)} on ${formatShortDay(last.computedAt)}`;

  return (
    <svg
      viewBox={`0 0 ${width} ${HEIGHT}`}
      width={width}
      height={HEIGHT}
      role="img"
      aria-label={label}
      className="sb-size-chart"
      data-testid="segment-history-chart"
    >
      <line x1={PAD.left} x2={width - PAD.right} y1={y(top)} y2={y(top)} className="sb-size-chart-grid" />
      <line x1={PAD.left} x2={width - PAD.right} y1={base} y2={base} className="sb-size-chart-grid" />
      <text x={PAD.left - 6} y={y(top) + 4} textAnchor="end" className="sb-size-chart-label">
        {formatCount(top)}
      </text>
      <text x={PAD.left - 6} y={base} textAnchor="end" className="sb-size-chart-label">
        {formatCount(bottom)}
      </text>
      <text x={PAD.left} y={HEIGHT - 6} className="sb-size-chart-label">
        {formatShortDay(first.computedAt)}
      </text>
      <text x={width - PAD.right} y={HEIGHT - 6} textAnchor="end" className="sb-size-chart-label">
        {formatShortDay(last.computedAt)}
      </text>
      <path d={area} className="sb-size-chart-area" />
      <path d={line} className="sb-size-chart-line" />
      {points.map((p, i) => (
        <circle key={p.version} cx={x(i)} cy={y(p.size)} r={2.5} className="sb-size-chart-point">
          <title>{`Version ${p.version}: ${formatCount(p.size)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
