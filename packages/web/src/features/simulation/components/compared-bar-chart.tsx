import { useId } from "react";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { type ChartScale, chartScale } from "../../../lib/chart-scale.ts";
import { formatCount } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import type { ComparedRow } from "./simulation-rows.ts";

const plot = { left: 64, top: 12, height: 180, bottom: 72, barWidth: 9, gap: 10 };
// Category labels drawn at most this many times; the table has every one.
const labelsMax = 24;

/** What the two series are called, in the legend and the table's header. */
export interface SeriesNames {
	readonly category: string;
	readonly baseline: string;
	readonly reform: string;
}

/**
 * Learners per category under the law and under a reform as an SVG bar chart with a legend,
 * and the same figures as a table for those who do not see the chart.
 */
export function ComparedBarChart({
	caption,
	rows,
	names,
}: {
	readonly caption: string;
	readonly rows: readonly ComparedRow[];
	readonly names: SeriesNames;
}) {
	const { t, language } = useI18n();
	const id = useId();
	const reformed = rows.some((row) => row.reform !== undefined);
	const scale = chartScale(
		rows.flatMap((row) => [row.baseline, row.reform ?? 0]),
		plot.height,
	);
	const groupWidth = (reformed ? 2 : 1) * plot.barWidth + plot.gap;
	const width = plot.left + plot.gap + rows.length * groupWidth;
	const summary = rows
		.map(
			(row) =>
				`${row.label}: ${formatCount(row.baseline, language)}${row.reform === undefined ? "" : ` / ${formatCount(row.reform, language)}`}`,
		)
		.join("; ");
	return (
		<figure className="chart compared-chart">
			<figcaption>
				{caption} <span className="muted">{t("simulation.chartAlternative")}</span>
			</figcaption>
			<ul className="legend">
				<li>
					<span className="swatch series-baseline" aria-hidden="true" /> {names.baseline}
				</li>
				{reformed && (
					<li>
						<span className="swatch series-reform" aria-hidden="true" /> {names.reform}
					</li>
				)}
			</ul>
			<svg
				role="img"
				aria-labelledby={`${id}-title ${id}-desc`}
				viewBox={`0 0 ${width} ${plot.top + plot.height + plot.bottom}`}
				style={{ maxWidth: `${width}px` }}
			>
				<title
					id={`${id}-title`}
				>{`${caption}: ${names.baseline}${reformed ? `, ${names.reform}` : ""}`}</title>
				<desc id={`${id}-desc`}>{summary}</desc>
				<Ticks scale={scale} width={width} />
				{rows.map((row, index) => (
					<Bars
						key={row.label}
						row={row}
						scale={scale}
						x={plot.left + plot.gap + index * groupWidth}
						labelled={index % Math.ceil(rows.length / labelsMax) === 0}
					/>
				))}
			</svg>
			<details>
				<summary>{t("simulation.showTable")}</summary>
				<ComparedTable caption={caption} rows={rows} names={names} reformed={reformed} />
			</details>
		</figure>
	);
}

function Ticks({ scale, width }: { readonly scale: ChartScale; readonly width: number }) {
	const { language } = useI18n();
	return scale.ticks.map((tick) => (
		<g key={tick} className={tick === 0 ? "axis zero" : "axis"}>
			<line x1={plot.left} x2={width} y1={plot.top + scale.y(tick)} y2={plot.top + scale.y(tick)} />
			<text x={plot.left - 6} y={plot.top + scale.y(tick)} dy="0.32em" textAnchor="end">
				{formatCount(tick, language)}
			</text>
		</g>
	));
}

function Bars(props: {
	readonly row: ComparedRow;
	readonly scale: ChartScale;
	readonly x: number;
	readonly labelled: boolean;
}) {
	const { row, scale, x } = props;
	const bar = (value: number, at: number, series: string) => (
		<rect
			className={series}
			x={at}
			y={plot.top + scale.y(Math.max(0, value))}
			width={plot.barWidth}
			height={Math.abs(scale.y(value) - scale.y(0))}
		/>
	);
	const labelX = x + plot.barWidth;
	const labelY = plot.top + plot.height + 10;
	return (
		<g>
			{bar(row.baseline, x, "series-baseline")}
			{row.reform !== undefined && bar(row.reform, x + plot.barWidth, "series-reform")}
			{props.labelled && (
				<text
					className="year"
					x={labelX}
					y={labelY}
					textAnchor="end"
					transform={`rotate(-45 ${labelX} ${labelY})`}
				>
					{row.label}
				</text>
			)}
		</g>
	);
}

function ComparedTable(props: {
	readonly caption: string;
	readonly rows: readonly ComparedRow[];
	readonly names: SeriesNames;
	readonly reformed: boolean;
}) {
	const { language } = useI18n();
	const { caption, rows, names, reformed } = props;
	return (
		<TableScroll label={caption}>
			<table>
				<caption>{caption}</caption>
				<thead>
					<tr>
						<th scope="col">{names.category}</th>
						<th scope="col" className="number">
							{names.baseline}
						</th>
						{reformed && (
							<th scope="col" className="number">
								{names.reform}
							</th>
						)}
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.label}>
							<th scope="row">{row.label}</th>
							<td className="number">{formatCount(row.baseline, language)}</td>
							{reformed && <td className="number">{formatCount(row.reform ?? 0, language)}</td>}
						</tr>
					))}
				</tbody>
			</table>
		</TableScroll>
	);
}
