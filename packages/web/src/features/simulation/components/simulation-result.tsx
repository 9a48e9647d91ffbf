import type { PopulationSummary, SimulationDocument } from "@rugzak/rules/population";
import { useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { formatCount, formatSignedCount } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { downloadLearners, type SimulationJob } from "../api/simulations.ts";
import { ComparedBarChart, type SeriesNames } from "./compared-bar-chart.tsx";
import { distributionRows, exhaustedRows, summariesOf } from "./simulation-rows.ts";

/** The measures of the summary table, by the names `rugzak simulate --json` gives them. */
const measures = [
	"learners",
	"learnerYears",
	"sumOfFinalBalances",
	"checksum",
	"bonusCredits",
	"learnersWithBonus",
	"masterDeductions",
	"masterDeductionCredits",
	"rebuildIncrements",
	"rebuildCredits",
	"learnersRebuilt",
] as const satisfies readonly (keyof PopulationSummary)[];

/** What a finished simulation found: figures, both distributions, exhaustion per year, the rows. */
export function SimulationResult({
	job,
	result,
}: {
	readonly job: SimulationJob;
	readonly result: SimulationDocument;
}) {
	const { t, language } = useI18n();
	const { baseline, reform } = summariesOf(result);
	// The job says which reform was asked for: a form's changes have no name of their own to show.
	const fromForm = job.reform !== null && "parameters" in job.reform;
	const reformName = fromForm ? t("simulation.formReform") : (result.reform ?? "");
	const names = { baseline: t("simulation.law"), reform: reformName };
	const difference = result.difference;
	return (
		<section aria-labelledby="simulation-result-heading" className="card">
			<h2 id="simulation-result-heading">{t("simulation.result")}</h2>
			<p role="status">
				{t("simulation.resultIntro", {
					learners: formatCount(result.learners, language),
					horizon: result.horizon,
				})}
			</p>
			{difference && (
				<p>
					{t("simulation.gaining", {
						gaining: formatCount(difference.learnersGaining, language),
						losing: formatCount(difference.learnersLosing, language),
						unchanged: formatCount(difference.learnersUnchanged, language),
					})}
				</p>
			)}
			<SummaryTable baseline={baseline} reform={reform} names={names} />
			<ComparedBarChart
				caption={t("simulation.distribution", { width: baseline.finalBalances.bucketWidth })}
				rows={distributionRows(baseline.finalBalances, reform?.finalBalances)}
				names={{ ...names, category: t("simulation.finalBalance") }}
			/>
			<ComparedBarChart
				caption={t("simulation.exhausted")}
				rows={exhaustedRows(result)}
				names={{ ...names, category: t("statement.academicYear") }}
			/>
			<Download job={job} />
		</section>
	);
}

function SummaryTable(props: {
	readonly baseline: PopulationSummary;
	readonly reform: PopulationSummary | undefined;
	readonly names: Omit<SeriesNames, "category">;
}) {
	const { t, language } = useI18n();
	const { baseline, reform, names } = props;
	// The checksum identifies a set of balances; it is not a quantity to group or subtract.
	const shown = (measure: (typeof measures)[number], value: number) =>
		measure === "checksum" ? String(value) : formatCount(value, language);
	return (
		<TableScroll label={t("simulation.figures")}>
			<table className="simulation-figures">
				<caption>{t("simulation.figures")}</caption>
				<thead>
					<tr>
						<th scope="col">{t("simulation.measure")}</th>
						<th scope="col" className="number">
							{names.baseline}
						</th>
						{reform && (
							<>
								<th scope="col" className="number">
									{names.reform}
								</th>
								<th scope="col" className="number">
									{t("simulation.difference")}
								</th>
							</>
						)}
					</tr>
				</thead>
				<tbody>
					{measures.map((measure) => (
						<tr key={measure}>
							<th scope="row">{t(`simulation.measure.${measure}`)}</th>
							<td className="number">{shown(measure, baseline[measure])}</td>
							{reform && (
								<>
									<td className="number">{shown(measure, reform[measure])}</td>
									<td className="number">
										{measure === "checksum"
											? ""
											: formatSignedCount(reform[measure] - baseline[measure], language)}
									</td>
								</>
							)}
						</tr>
					))}
				</tbody>
			</table>
		</TableScroll>
	);
}

function Download({ job }: { readonly job: SimulationJob }) {
	const { t } = useI18n();
	const [error, setError] = useState<unknown>();
	return (
		<>
			<button
				type="button"
				onClick={() => {
					setError(undefined);
					downloadLearners(job).catch(setError);
				}}
			>
				{t("simulation.download")}
			</button>
			<ErrorAlert error={error} />
		</>
	);
}
