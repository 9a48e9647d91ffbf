/** Lays out rows as a text table: the first column left-aligned, the others right-aligned. */
export function textTable(
	rows: readonly (readonly string[])[],
	options: { leftColumns?: number } = {},
): string {
	const left = options.leftColumns ?? 1;
	const widths: number[] = [];
	for (const row of rows) {
		row.forEach((cell, i) => {
			widths[i] = Math.max(widths[i] ?? 0, cell.length);
		});
	}
	return rows
		.map((row) =>
			row
				.map((cell, i) => (i < left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
				.join("  ")
				.trimEnd(),
		)
		.join("\n");
}

/** A signed number as the source tables print it: `+36`, `-60`, blank for nothing. */
export function signed(value: number, blankZero = true): string {
	if (value === 0) return blankZero ? "" : "0";
	return value > 0 ? `+${value}` : `${value}`;
}

/** Euro cents as `€ 1 116,00` (nl) or `€1,116.00` (en). */
export function euro(cents: number, language: "nl" | "en"): string {
	return new Intl.NumberFormat(language === "nl" ? "nl-BE" : "en-GB", {
		style: "currency",
		currency: "EUR",
	}).format(cents / 100);
}
