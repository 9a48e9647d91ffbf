import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { navigate } from "../lib/navigation.ts";

/** An ordinary link that the portal follows without a page load (modified clicks open normally). */
export function Link({
	href,
	onClick,
	...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { readonly href: string }) {
	const follow = (event: MouseEvent<HTMLAnchorElement>) => {
		onClick?.(event);
		if (event.defaultPrevented || event.button !== 0) return;
		if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
		event.preventDefault();
		navigate(href);
	};
	return <a href={href} {...rest} onClick={follow} />;
}
