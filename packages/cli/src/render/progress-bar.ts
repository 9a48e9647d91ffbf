/** A progress bar on one terminal line, redrawn a few times a second until it is stopped. */
export interface ProgressBar {
	/** Redraws, if it is time to: for a thread too busy to let the timer run. */
	tick(): void;
	stop(): void;
}

const redrawMs = 100;
const barWidth = 30;

/** Draws `done() / total` on `stream` until stopped; the line is cleared at the end. */
export function startProgressBar(
	stream: { write(text: string): unknown },
	options: { readonly total: number; readonly done: () => number; readonly label: string },
): ProgressBar {
	let drawnAt = 0;
	let stopped = false;
	const draw = () => {
		drawnAt = performance.now();
		const share = options.total === 0 ? 1 : Math.min(1, options.done() / options.total);
		const filled = Math.round(share * barWidth);
		const bar = `${"#".repeat(filled)}${"-".repeat(barWidth - filled)}`;
		stream.write(`\r${options.label} [${bar}] ${Math.floor(share * 100)}%`);
	};
	const timer = setInterval(draw, redrawMs);
	timer.unref();
	return {
		tick() {
			if (!stopped && performance.now() - drawnAt >= redrawMs) draw();
		},
		stop() {
			if (stopped) return;
			stopped = true;
			clearInterval(timer);
			stream.write("\r\x1b[K");
		},
	};
}
