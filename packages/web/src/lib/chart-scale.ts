/** A linear vertical scale for a bar chart of balances: a domain that holds zero, and round ticks. */
export interface ChartScale {
	readonly min: number;
	readonly max: number;
	readonly ticks: readonly number[];
	/** The y coordinate (0 at the top) of a value, for a plot `height` high. */
	readonly y: (value: number) => number;
}

const niceSteps = [1, 2, 5, 10] as const;

/** The smallest step of 1, 2 or 5 times a power of ten that covers `span` in at most `maxTicks` steps. */
export function niceStep(span: number, maxTicks: number): number {
	if (span <= 0) return 1;
	const raw = span / maxTicks;
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = niceSteps.find((multiple) => multiple * power >= raw) ?? 10;
	return Math.max(1, step * power);
}

/**
 * Scales `values` (credits, possibly negative) onto `height` pixels: the domain always holds zero,
 * so bars grow from a zero line, and it is widened to whole steps so that every tick is round.
 */
export function chartScale(values: readonly number[], height: number, maxTicks = 5): ChartScale {
	const low = Math.min(0, ...values);
	const high = Math.max(0, ...values);
	const step = niceStep(high - low, maxTicks);
	const min = Math.floor(low / step) * step;
	const max = Math.max(Math.ceil(high / step) * step, min + step);
	const ticks: number[] = [];
	for (let tick = min; tick <= max && ticks.length <= maxTicks * 2 + 1; tick += step)
		ticks.push(tick);
	const y = (value: number) => ((max - value) / (max - min)) * height;
	return { min, max, ticks, y };
}
