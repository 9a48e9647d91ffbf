import { describe, expect, it } from "vitest";
import { learnerIdProblem } from "./learner-id.ts";

describe("learner ids", () => {
	it.each(["thomas", "learner-1", "kdg:2024.0017", "a@b"])("accepts %s", (id) => {
		expect(learnerIdProblem(id)).toBeUndefined();
	});

	it.each<[unknown, string]>([
		["", "empty"],
		["-x", "a leading dash"],
		["a b", "a space"],
		["a\tb", "a tab"],
		["x".repeat(201), "201 characters"],
		[42, "a number"],
	])("refuses %j (%s)", (id) => {
		expect(learnerIdProblem(id)).toMatch(/learner id/);
	});
});
