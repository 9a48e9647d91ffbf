import type { Fact } from "@rugzak/rules";
import { describe, expect, it } from "vitest";
import { factCopyRow } from "./log-tables.ts";
import { copyRow } from "./sql.ts";

describe("factCopyRow", () => {
	it.each<[string, Fact]>([
		[
			"a plain fact",
			{ id: "r2", type: "DegreeAwarded", date: "2019-07-10", data: { enrolmentId: "e1" } },
		],
		[
			"tabs, newlines, quotes and backslashes in the id and the data",
			{
				id: 'r\t2\\n"x"',
				type: "CourseUnitRegistered",
				date: "2016-09-12",
				data: {
					enrolmentId: "e\n1",
					courseUnit: { name: 'Tab\there, quote " and back\\slash\r\n', credits: 6 },
					period: "semester-1",
					periodStartDate: "2016-09-19",
				},
			},
		],
	])("writes %s as copyRow writes its columns", (_, fact) => {
		// The facts table's columns: learner, position, fact id, type, date, data as JSON.
		const columns = ["l1", 7, fact.id, fact.type, fact.date, JSON.stringify(fact.data)];
		expect(factCopyRow("l1", 7, fact)).toBe(copyRow(columns));
	});
});
