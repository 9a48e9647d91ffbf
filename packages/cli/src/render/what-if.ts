import type { Language, WhatIf } from "@rugzak/rules";
import { signed, textTable } from "./table.ts";

const words = {
	nl: {
		title: "Wat als",
		year: "Academiejaar",
		before: "Saldo nu",
		after: "Saldo met plan",
		change: "Verschil",
		balance: "Saldo",
	},
	en: {
		title: "What if",
		year: "Academic year",
		before: "Balance now",
		after: "Balance with plan",
		change: "Change",
		balance: "Balance",
	},
} as const;

/** The what-if answer as text: per academic year the balance without and with the hypothetical facts. */
export function renderWhatIf(answer: WhatIf, language: Language): string {
	const w = words[language];
	const rows = [
		[w.year, w.before, w.after, w.change],
		...answer.years.map((year) => [
			year.academicYear,
			year.before === undefined ? "" : String(year.before.end),
			year.after === undefined ? "" : String(year.after.end),
			signed(year.endChange),
		]),
	];
	const total = `${w.balance}: ${answer.before.state.balance} → ${answer.after.state.balance} (${signed(answer.balanceChange, false)})`;
	return `${w.title}\n\n${textTable(rows)}\n\n${total}\n`;
}
