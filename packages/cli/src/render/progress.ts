import type { ImportProgress } from "@rugzak/store";
import { barCells } from "./progress-bar.ts";

export const progressModes = ["auto", "bar", "lines", "off"] as const;
export type ProgressMode = (typeof progressModes)[number];

/** Where progress goes: stderr, which may be a terminal. */
interface Terminal {
	write(text: string): unknown;
	readonly isTTY?: boolean | undefined;
}

export interface ProgressReporter {
	update(progress: ImportProgress): void;
	/** Clears the bar, so that the summary starts on a clean line. */
	done(): void;
}

function percentOf(bytesRead: number, totalBytes: number): number {
	return totalBytes > 0 ? Math.min(100, Math.floor((100 * bytesRead) / totalBytes)) : 100;
}

/**
 * Shows an import's progress: a bar redrawn in place on a terminal (`auto` when stderr is one),
 * a line per batch for logs and tests (`lines`), or nothing. Never a learner id or a fact.
 */
export function progressReporter(
	mode: ProgressMode,
	stderr: Terminal,
	totalBytes: number,
	now: () => number,
): ProgressReporter {
	const shown = mode === "auto" ? (stderr.isTTY ? "bar" : "off") : mode;
	const started = now();
	let drawnAt = Number.NEGATIVE_INFINITY;
	return {
		update(progress) {
			const percent = percentOf(progress.bytesRead, totalBytes);
			const facts = progress.factsWritten + progress.factsAlreadyPresent;
			if (shown === "lines") {
				stderr.write(
					`progress: ${percent}% ${progress.factsWritten} facts written, ${progress.factsAlreadyPresent} already present, ${progress.rowsRejected} rejected\n`,
				);
			} else if (shown === "bar" && now() - drawnAt >= 100) {
				drawnAt = now();
				const rate = Math.round(facts / Math.max(0.001, (drawnAt - started) / 1000));
				const bar = barCells(percent / 100);
				stderr.write(`\r${bar} ${String(percent).padStart(3)}%  ${facts} facts  ${rate}/s\x1b[K`);
			}
		},
		done() {
			if (shown === "bar" && drawnAt > Number.NEGATIVE_INFINITY) stderr.write("\r\x1b[K");
			drawnAt = Number.NEGATIVE_INFINITY;
		},
	};
}
