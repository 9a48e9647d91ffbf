/** A progress bar on one terminal line, redrawn a few times a second until it is stopped. */
export interface ProgressBar {
	/** Redraws, if it is time to: for a thread too busy to let the timer run. */
	tick(): void;
	stop(): void;
}

const redrawMs = 100;
const barWidth = 30;

/** A bar of `width` cells with `share` (0 to 1) of them filled: one look for every progress bar of the CLI. */
export function barCells(share: number, width = barWidth): string {
	const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
	return `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
}

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
		stream.write(`\r${options.label} ${barCells(share)} ${Math.floor(share * 100)}%`);
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
