/** Structured JSON logs, one object a line; callers pass no personal data (no learner ids, no BSN). */
export interface Logger {
	info(event: string, fields?: Record<string, unknown>): void;
	error(event: string, fields?: Record<string, unknown>): void;
}

/** Writes JSON lines to a stream (stdout by default). */
export function jsonLogger(
	write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
	const log =
		(level: string) =>
		(event: string, fields: Record<string, unknown> = {}) => {
			write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
		};
	return { info: log("info"), error: log("error") };
}

/** Discards everything; for tests that do not look at logs. */
export const silentLogger: Logger = { info: () => {}, error: () => {} };
