import type { YearStatement } from "@rugzak/rules";
import { useId } from "react";
import { chartScale } from "../../../lib/chart-scale.ts";
import { formatCredits } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";

const plot = { left: 44, top: 20, height: 180, bottom: 40, barWidth: 44, gap: 28 };

/** The balance at the end of each academic year as an SVG bar chart, with its figures as text. */
export function BalanceChart({ years }: { readonly years: readonly YearStatement[] }) {
	const { t } = useI18n();
	const id = useId();
	const scale = chartScale(
		years.map((year) => year.end),
		plot.height,
	);
	const width = plot.left + years.length * (plot.barWidth + plot.gap) + plot.gap;
	const summary = years
		.map((year) => `${year.academicYear}: ${formatCredits(year.end)}`)
		.join("; ");
	return (
		<figure className="chart">
			<figcaption>
				{t("chart.caption")} <span className="muted">{t("chart.alternative")}</span>
			</figcaption>
			<svg
				role="img"
				aria-labelledby={`${id}-title ${id}-desc`}
				viewBox={`0 0 ${width} ${plot.top + plot.height + plot.bottom}`}
				style={{ maxWidth: `${width}px` }}
			>
				<title id={`${id}-title`}>{t("chart.caption")}</title>
				<desc id={`${id}-desc`}>{summary}</desc>
				{scale.ticks.map((tick) => (
					<g key={tick} className={tick === 0 ? "axis zero" : "axis"}>
						<line
							x1={plot.left}
							x2={width}
							y1={plot.top + scale.y(tick)}
							y2={plot.top + scale.y(tick)}
						/>
						<text x={plot.left - 6} y={plot.top + scale.y(tick)} dy="0.32em" textAnchor="end">
							{formatCredits(tick)}
						</text>
					</g>
				))}
				{years.map((year, index) => {
					const x = plot.left + plot.gap + index * (plot.barWidth + plot.gap);
					const top = plot.top + scale.y(Math.max(0, year.end));
					const height = Math.abs(scale.y(year.end) - scale.y(0));
					const labelY = year.end >= 0 ? top - 5 : top + height + 14;
					return (
						<g key={year.academicYear} className={year.end < 0 ? "bar negative" : "bar"}>
							<rect x={x} y={top} width={plot.barWidth} height={Math.max(height, 1)} rx={2} />
							<text x={x + plot.barWidth / 2} y={labelY} textAnchor="middle" className="value">
								{formatCredits(year.end)}
							</text>
							<text
								x={x + plot.barWidth / 2}
								y={plot.top + plot.height + 18}
								textAnchor="middle"
								className="year"
							>
								{year.academicYear.slice(2, 4)}–{year.academicYear.slice(7, 9)}
							</text>
						</g>
					);
				})}
			</svg>
		</figure>
	);
}
