import { useEffect, useState } from "react";
import { parseRoute, type Route } from "./router.ts";

const changed = "rugzak:navigate";

/** Goes to `href` inside the portal without a page load; `replace` leaves no history entry. */
export function navigate(href: string, replace = false): void {
	if (replace) history.replaceState(null, "", href);
	else history.pushState(null, "", href);
	window.dispatchEvent(new Event(changed));
}

const read = () => parseRoute(location.pathname, location.search);

/** The current route, following links, the back button and `navigate`. */
export function useRoute(): Route {
	const [route, setRoute] = useState<Route>(read);
	useEffect(() => {
		const update = () => setRoute(read());
		window.addEventListener("popstate", update);
		window.addEventListener(changed, update);
		return () => {
			window.removeEventListener("popstate", update);
			window.removeEventListener(changed, update);
		};
	}, []);
	return route;
}
