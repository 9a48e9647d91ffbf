/** A progress bar on one terminal line, redrawn a few times a second until it is stopped. */
export interface ProgressBar {
	stop(): void;
}

const redrawMs = 100;
const barWidth = 30;

/** Draws `done() / total` on `stream` until stopped; the line is cleared at the end. */
export function startProgressBar(
	stream: { write(text: string): unknown },
	options: { readonly total: number; readonly done: () => number; readonly label: string },
): ProgressBar {
	const draw = () => {
		const share = options.total === 0 ? 1 : Math.min(1, options.done() / options.total);
		const filled = Math.round(share * barWidth);
		const bar = `${"#".repeat(filled)}${"-".repeat(barWidth - filled)}`;
		stream.write(`\r${options.label} [${bar}] ${Math.floor(share * 100)}%`);
	};
	const timer = setInterval(draw, redrawMs);
	timer.unref();
	return {
		stop() {
			clearInterval(timer);
			stream.write("\r\x1b[K");
		},
	};
}
