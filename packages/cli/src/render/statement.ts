import {
	formatDate,
	type Language,
	type LedgerLine,
	type LeerkredietAccount,
	type YearStatement,
} from "@rugzak/rules";
import { signed, textTable } from "./table.ts";

const labels = {
	nl: {
		title: "Leerkrediet",
		at: "op",
		year: "Academiejaar",
		start: "Begin",
		invested: "Ingezet",
		earned: "Teruggewonnen",
		bonus: "Bonus",
		refunded: "Teruggegeven",
		deducted: "Afgetrokken",
		rebuilt: "Heropgebouwd",
		end: "Saldo",
		state: "Saldo {balance} · resterende bonus {bonus} · reserve voor heropbouw {reserve}",
		progress: "Studierendement (R21)",
		ledger: "Grootboek",
		ledgerHeader: ["#", "Datum", "Jaar", "Studiepunten", "Saldo", "Regel", "Uitleg"],
		sources: "Regels en bronnen",
		empty: "Geen feiten met gevolgen voor het leerkrediet tot deze datum.",
	},
	en: {
		title: "Leerkrediet",
		at: "at",
		year: "Academic year",
		start: "Start",
		invested: "Invested",
		earned: "Earned back",
		bonus: "Bonus",
		refunded: "Refunded",
		deducted: "Deducted",
		rebuilt: "Rebuilt",
		end: "Balance",
		state: "Balance {balance} · bonus remaining {bonus} · rebuild reserve {reserve}",
		progress: "Study efficiency (R21)",
		ledger: "Ledger",
		ledgerHeader: ["#", "Date", "Year", "Credits", "Balance", "Rule", "Explanation"],
		sources: "Rules and sources",
		empty: "No facts affecting leerkrediet up to this date.",
	},
} as const;

const columns = [
	"start",
	"invested",
	"earned",
	"bonus",
	"refunded",
	"deducted",
	"rebuilt",
	"end",
] as const;

/** The yearly statement in the shape of the source document's tables: one column per academic year. */
export function renderYears(years: readonly YearStatement[], language: Language): string {
	const l = labels[language];
	const rows = [[l.year, ...years.map((y) => y.academicYear)]];
	for (const column of columns) {
		const plain = column === "start" || column === "end";
		rows.push([l[column], ...years.map((y) => (plain ? String(y[column]) : signed(y[column])))]);
	}
	return textTable(rows);
}

function renderLine(line: LedgerLine): string[] {
	return [
		String(line.sequence),
		line.date,
		line.academicYear,
		signed(line.credits, false),
		String(line.balanceAfter),
		line.rule,
	];
}

/** The explained ledger: every line with its date, change, balance, rule and sentence. */
export function renderLedger(ledger: readonly LedgerLine[], language: Language): string {
	const l = labels[language];
	const header = l.ledgerHeader.slice(0, -1);
	const rows = textTable([header, ...ledger.map(renderLine)], { leftColumns: 3 }).split("\n");
	return rows
		.map((row, i) => {
			const line = ledger[i - 1];
			return `${row}  ${line === undefined ? l.ledgerHeader.at(-1) : line.text[language]}`;
		})
		.join("\n");
}

/** Each rule the ledger used, once, with its title and sources. */
export function renderSources(ledger: readonly LedgerLine[], language: Language): string {
	const seen = new Map<string, LedgerLine>();
	for (const line of ledger) if (!seen.has(line.rule)) seen.set(line.rule, line);
	return [...seen.values()]
		.sort((a, b) => a.rule.localeCompare(b.rule, "en", { numeric: true }))
		.map((line) => {
			const sources = line.sources.map((source) => `    ${source.label}: ${source.url}`).join("\n");
			return `${line.rule}  ${line.ruleTitle[language]}\n${sources}`;
		})
		.join("\n");
}

/** The whole statement as text: heading, yearly table, state and ledger. */
export function renderStatement(
	account: LeerkredietAccount,
	options: { language: Language; learner?: string | undefined; reform?: string | undefined },
): string {
	const l = labels[options.language];
	const heading = [
		l.title,
		options.learner,
		`${l.at} ${formatDate(account.at, options.language)}`,
		options.reform,
	]
		.filter(Boolean)
		.join(" — ");
	if (account.ledger.length === 0) return `${heading}\n\n${l.empty}\n`;
	const { state } = account;
	const summary = l.state
		.replace("{balance}", String(state.balance))
		.replace("{bonus}", String(state.bonusRemaining))
		.replace("{reserve}", String(state.rebuildReserve));
	return [
		heading,
		"",
		renderYears(account.years, options.language),
		"",
		summary,
		`${l.progress}: ${account.studyProgress.map((year) => `${year.academicYear} ${year.efficiencyPercent ?? "-"} %`).join(" · ")}`,
		"",
		l.ledger,
		renderLedger(account.ledger, options.language),
		"",
		l.sources,
		renderSources(account.ledger, options.language),
		"",
	].join("\n");
}
