import { STEP_COLOURS, shortLabel } from "./palette";

export interface BarGroup {
  label: string;
  values: readonly number[];
}

interface Props {
  /** Unique on the page: the title and description are referenced by id. */
  id: string;
  title: string;
  description: string;
  /** What each bar of a group stands for, in order (at most four). */
  series: readonly string[];
  groups: readonly BarGroup[];
  format(value: number): string;
}

const WIDTH = 640;
const LABEL = 160;
const BAR = 12;
const GAP = 3;
const GROUP_GAP = 18;
const LEGEND = 28;

/**
 * Horizontal grouped bars drawn on the server: an `img` named by its <title> and described by its
 * <desc> (SVG accessibility API mappings), so a screen reader hears one summary; the numbers
 * themselves are in the table the page puts next to it.
 */
export function GroupedBarChart({ id, title, description, series, groups, format }: Props) {
  const groupHeight = series.length * (BAR + GAP) + GROUP_GAP;
  const height = LEGEND + Math.max(1, groups.length) * groupHeight;
  const max = Math.max(1, ...groups.flatMap((group) => group.values));
  const room = WIDTH - LABEL - 56;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="h-auto w-full max-w-3xl"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g fontSize="12" fill="#000">
        {series.map((name, index) => (
          <g key={name} transform={`translate(${LABEL + index * 118}, 6)`}>
            <rect width="12" height="12" fill={STEP_COLOURS[index]} />
            <text x="16" y="10">
              {shortLabel(name, 17)}
            </text>
          </g>
        ))}
        {groups.map((group, row) => {
          const top = LEGEND + row * groupHeight;
          return (
            <g key={group.label} transform={`translate(0, ${top})`}>
              <text x={LABEL - 8} y={(series.length * (BAR + GAP)) / 2 + 4} textAnchor="end">
                {shortLabel(group.label)}
              </text>
              {group.values.map((value, index) => {
                const width = Math.max(value > 0 ? 2 : 0, (value / max) * room);
                const y = index * (BAR + GAP);
                return (
                  <g key={index}>
                    <rect x={LABEL} y={y} width={width} height={BAR} fill={STEP_COLOURS[index]} />
                    <text x={LABEL + width + 4} y={y + BAR - 2}>
                      {format(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
