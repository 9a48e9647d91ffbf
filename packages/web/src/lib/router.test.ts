import { describe, expect, it } from "vitest";
import { hrefOf, parseRoute, type Route } from "./router.ts";

describe("parseRoute", () => {
	it.each<{ path: string; search?: string; expected: Route }>([
		{ path: "/", expected: { name: "home" } },
		{ path: "/login", expected: { name: "login" } },
		{ path: "/simulation", expected: { name: "simulation" } },
		{ path: "/learners", search: "?q=tho", expected: { name: "learners", query: "tho" } },
		{ path: "/learners/thomas", expected: { name: "learner", id: "thomas", tab: "backpack" } },
		{ path: "/learners/thomas/record", expected: { name: "learner", id: "thomas", tab: "record" } },
		{
			path: "/learners/thomas/other",
			expected: { name: "not-found", path: "/learners/thomas/other" },
		},
	])("reads $path$search", ({ path, search, expected }) => {
		expect(parseRoute(path, search)).toEqual(expected);
	});

	it("gives every route back from its own path, also ids that need escaping", () => {
		const routes: Route[] = [
			{ name: "learner", id: "a b/c", tab: "check" },
			{ name: "learners", query: "van den" },
			{ name: "import" },
			{ name: "simulation" },
		];
		for (const route of routes) {
			const [path, search] = hrefOf(route).split("?");
			expect(parseRoute(path ?? "", search === undefined ? "" : `?${search}`)).toEqual(route);
		}
	});
});
