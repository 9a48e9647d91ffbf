/** The portal's pages; the path is the only state a link carries. */
export type Route =
	| { readonly name: "login" }
	| { readonly name: "home" }
	| { readonly name: "learners"; readonly query: string }
	| { readonly name: "learner"; readonly id: string; readonly tab: LearnerTab }
	| { readonly name: "import" }
	| { readonly name: "simulation" }
	| { readonly name: "not-found"; readonly path: string };

export const learnerTabs = ["backpack", "record", "check"] as const;
export type LearnerTab = (typeof learnerTabs)[number];

/** Reads a route from a location's path and query string. */
export function parseRoute(pathname: string, search = ""): Route {
	const parts = pathname.split("/").filter((part) => part !== "");
	const [first, second, third] = parts.map((part) => decodeURIComponent(part));
	if (parts.length === 0) return { name: "home" };
	if (first === "login" && parts.length === 1) return { name: "login" };
	if (first === "import" && parts.length === 1) return { name: "import" };
	if (first === "simulation" && parts.length === 1) return { name: "simulation" };
	if (first === "learners" && second === undefined) {
		return { name: "learners", query: new URLSearchParams(search).get("q") ?? "" };
	}
	if (first === "learners" && second !== undefined && parts.length <= 3) {
		const tab = third ?? "backpack";
		if ((learnerTabs as readonly string[]).includes(tab)) {
			return { name: "learner", id: second, tab: tab as LearnerTab };
		}
	}
	return { name: "not-found", path: pathname };
}

/** The path of a route; `parseRoute(hrefOf(route))` gives the route back. */
export function hrefOf(route: Route): string {
	switch (route.name) {
		case "login":
			return "/login";
		case "home":
			return "/";
		case "learners":
			return route.query === "" ? "/learners" : `/learners?q=${encodeURIComponent(route.query)}`;
		case "learner": {
			const base = `/learners/${encodeURIComponent(route.id)}`;
			return route.tab === "backpack" ? base : `${base}/${route.tab}`;
		}
		case "import":
			return "/import";
		case "simulation":
			return "/simulation";
		case "not-found":
			return route.path;
		default: {
			const _: never = route;
			return _;
		}
	}
}
