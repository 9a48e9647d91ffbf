import type { YearStatement } from "@rugzak/rules";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { formatCredits, formatSignedCredits } from "../../../lib/format.ts";
import type { MessageKey } from "../../../lib/i18n/dictionaries.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";

const rows: readonly { column: keyof Omit<YearStatement, "academicYear">; label: MessageKey }[] = [
	{ column: "start", label: "statement.start" },
	{ column: "invested", label: "statement.invested" },
	{ column: "earned", label: "statement.earned" },
	{ column: "bonus", label: "statement.bonus" },
	{ column: "refunded", label: "statement.refunded" },
	{ column: "deducted", label: "statement.deducted" },
	{ column: "rebuilt", label: "statement.rebuilt" },
	{ column: "end", label: "statement.end" },
];

/** The yearly statement in the shape of the source tables: a row per kind, a column per year. */
export function YearStatementTable({ years }: { readonly years: readonly YearStatement[] }) {
	const { t } = useI18n();
	return (
		<TableScroll label={t("statement.caption")}>
			<table className="statement">
				<caption>{t("statement.caption")}</caption>
				<thead>
					<tr>
						<th scope="col">{t("statement.academicYear")}</th>
						{years.map((year) => (
							<th scope="col" key={year.academicYear}>
								{year.academicYear}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{rows.map(({ column, label }) => {
						const plain = column === "start" || column === "end";
						return (
							<tr key={column} className={column === "end" ? "total" : undefined}>
								<th scope="row">{t(label)}</th>
								{years.map((year) => (
									<td key={year.academicYear} className="number">
										{plain
											? formatCredits(year[column])
											: year[column] === 0
												? ""
												: formatSignedCredits(year[column])}
									</td>
								))}
							</tr>
						);
					})}
				</tbody>
			</table>
		</TableScroll>
	);
}
