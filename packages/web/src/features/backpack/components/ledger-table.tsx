import type { LedgerLine } from "@rugzak/rules";
import { Fragment, useState } from "react";
import { SelectField } from "../../../components/field.tsx";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { formatCredits, formatDate, formatSignedCredits } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";

/** A law value as text: lists joined, everything else as written in the parameter file. */
function valueText(value: unknown): string {
	if (Array.isArray(value)) return value.join(", ");
	if (typeof value === "object" && value !== null) return JSON.stringify(value);
	return String(value);
}

function Explanation({ line, id }: { readonly line: LedgerLine; readonly id: string }) {
	const { t, language } = useI18n();
	return (
		<div className="explanation" id={id}>
			<p className="sentence">{line.text[language]}</p>
			<p>
				<strong>
					{line.rule} — {line.ruleTitle[language]}
				</strong>
			</p>
			<h3>{t("ledger.sources")}</h3>
			<ul>
				{line.sources.map((source) => (
					<li key={source.url}>
						<a href={source.url} target="_blank" rel="noopener noreferrer">
							{source.label}
						</a>
					</li>
				))}
			</ul>
			{line.parameters.length > 0 && (
				<table className="parameters">
					<caption>{t("ledger.parameters")}</caption>
					<thead>
						<tr>
							<th scope="col">{t("ledger.parameterName")}</th>
							<th scope="col">{t("ledger.parameterValue")}</th>
							<th scope="col">{t("ledger.parameterFrom")}</th>
							<th scope="col">{t("ledger.parameterReference")}</th>
						</tr>
					</thead>
					<tbody>
						{line.parameters.map((parameter) => (
							<tr key={parameter.name}>
								<th scope="row">
									<code>{parameter.name}</code>
								</th>
								<td>{valueText(parameter.value)}</td>
								<td>{formatDate(parameter.from, language)}</td>
								<td>{parameter.reference}</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
			<p>
				{t("ledger.facts")}{" "}
				{line.factIds.length === 0
					? t("ledger.noFacts")
					: line.factIds.map((factId) => (
							<code key={factId} className="fact-id">
								{factId}
							</code>
						))}
			</p>
		</div>
	);
}

/** The ledger: one row per line; each opens to say why, under which rule, from which sources. */
export function LedgerTable({ ledger }: { readonly ledger: readonly LedgerLine[] }) {
	const { t, language } = useI18n();
	const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
	const [year, setYear] = useState("");
	const years = [...new Set(ledger.map((line) => line.academicYear))];
	const shown = year === "" ? ledger : ledger.filter((line) => line.academicYear === year);
	const toggle = (sequence: number) =>
		setOpen((was) => {
			const next = new Set(was);
			if (!next.delete(sequence)) next.add(sequence);
			return next;
		});
	return (
		<>
			<SelectField
				form="ledger"
				name="year"
				label={t("ledger.filter")}
				value={year}
				onChange={setYear}
				options={[
					{ value: "", label: t("ledger.allYears", { count: ledger.length }) },
					...years.map((value) => ({ value, label: value })),
				]}
			/>
			<TableScroll label={t("ledger.caption")}>
				<table className="ledger">
					<caption>{t("ledger.caption")}</caption>
					<thead>
						<tr>
							<th scope="col">#</th>
							<th scope="col">{t("ledger.date")}</th>
							<th scope="col">{t("statement.academicYear")}</th>
							<th scope="col" className="number">
								{t("ledger.credits")}
							</th>
							<th scope="col" className="number">
								{t("backpack.balance")}
							</th>
							<th scope="col">{t("ledger.rule")}</th>
							<th scope="col">{t("ledger.explanation")}</th>
						</tr>
					</thead>
					<tbody>
						{shown.map((line) => {
							const isOpen = open.has(line.sequence);
							const id = `ledger-line-${line.sequence}`;
							return (
								<Fragment key={line.sequence}>
									<tr className={line.kind === "noted" ? "noted" : undefined}>
										<th scope="row">{line.sequence}</th>
										<td>{formatDate(line.date, language)}</td>
										<td>{line.academicYear}</td>
										<td className="number">{formatSignedCredits(line.credits)}</td>
										<td className="number">{formatCredits(line.balanceAfter)}</td>
										<td>
											<abbr title={line.ruleTitle[language]}>{line.rule}</abbr>
										</td>
										<td>
											<button
												type="button"
												className="link-button"
												aria-expanded={isOpen}
												aria-controls={isOpen ? id : undefined}
												onClick={() => toggle(line.sequence)}
											>
												<span aria-hidden="true">{isOpen ? "▾ " : "▸ "}</span>
												{t("ledger.explain")}
												<span className="visually-hidden">
													{" "}
													{t("ledger.lineNumber", { number: line.sequence })}
												</span>
											</button>
										</td>
									</tr>
									{isOpen && (
										<tr className="explanation-row">
											<td colSpan={7}>
												<Explanation line={line} id={id} />
											</td>
										</tr>
									)}
								</Fragment>
							);
						})}
					</tbody>
				</table>
			</TableScroll>
		</>
	);
}
