import type { ReactNode } from "react";

/**
 * A wide table's scrolling frame. It takes focus (and is named by the table's caption) so that
 * keyboard users can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableScroll({
	label,
	children,
}: {
	readonly label: string;
	readonly children: ReactNode;
}) {
	return (
		// biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
		<section className="table-scroll" tabIndex={0} aria-label={label}>
			{children}
		</section>
	);
}
