import { STEP_COLOURS } from "./palette";

export interface DayPoint {
  label: string;
  started: number;
  created: number;
}

interface Props {
  id: string;
  title: string;
  description: string;
  legend: { started: string; created: string };
  days: readonly DayPoint[];
  format(value: number): string;
}

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 44;
const BOTTOM = 28;
const TOP = 30;

/**
 * Columns per day: journeys started, with the guests created drawn inside them. An `img` named by
 * its <title> and described by its <desc>; every day's numbers are in the table beside it.
 */
export function DayChart({ id, title, description, legend, days, format }: Props) {
  const max = Math.max(1, ...days.map((day) => day.started));
  const plot = { width: WIDTH - LEFT - 8, height: HEIGHT - TOP - BOTTOM };
  const slot = plot.width / Math.max(1, days.length);
  const column = Math.max(2, slot * 0.7);
  const y = (value: number) => TOP + plot.height - (value / max) * plot.height;
  // Label the last day and every few before it, so labels never overlap.
  const every = Math.max(1, Math.ceil(days.length / 6));
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="h-auto w-full max-w-3xl"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g fontSize="12" fill="#000">
        <rect x={LEFT} y="6" width="12" height="12" fill={STEP_COLOURS[1]} />
        <text x={LEFT + 16} y="16">
          {legend.started}
        </text>
        <rect x={LEFT + 220} y="6" width="12" height="12" fill={STEP_COLOURS[3]} />
        <text x={LEFT + 236} y="16">
          {legend.created}
        </text>
        <line x1={LEFT} x2={WIDTH - 8} y1={TOP + plot.height} y2={TOP + plot.height} stroke="#4b5563" />
        <text x={LEFT - 6} y={TOP + 4} textAnchor="end">
          {format(max)}
        </text>
        <text x={LEFT - 6} y={TOP + plot.height} textAnchor="end">
          {format(0)}
        </text>
        {days.map((day, index) => {
          const x = LEFT + index * slot + (slot - column) / 2;
          return (
            <g key={day.label}>
              <rect x={x} y={y(day.started)} width={column} height={TOP + plot.height - y(day.started)} fill={STEP_COLOURS[1]} />
              <rect
                x={x + column * 0.2}
                y={y(day.created)}
                width={column * 0.6}
                height={TOP + plot.height - y(day.created)}
                fill={STEP_COLOURS[3]}
              />
              {(days.length - 1 - index) % every === 0 && (
                <text x={x + column / 2} y={HEIGHT - 8} textAnchor="middle">
                  {day.label}
                </text>
              )}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
