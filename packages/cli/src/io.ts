/** Where a command writes, and what it knows of the outside world; tests pass their own. */
export interface Io {
	readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean | undefined };
	readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean | undefined };
	/** Today's civil date, `YYYY-MM-DD`: the default for `--at`. */
	readonly today: () => string;
	readonly env: Readonly<Record<string, string | undefined>>;
}

/** Today's date on this machine's calendar. */
export function localToday(): string {
	const now = new Date();
	const pad = (n: number) => String(n).padStart(2, "0");
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
