import { describe, expect, it } from "vitest";
import type { FormParameter } from "../api/simulations.ts";
import {
	initialParameters,
	type SimulationValues,
	simulationRequest,
} from "./simulation-request.ts";

const law: FormParameter[] = [
	{ field: "initial", name: "leerkrediet/initial", unit: "credits", description: "", value: 140 },
	{
		field: "rebuildOnce",
		name: "leerkrediet/rebuild/once",
		unit: "boolean",
		description: "",
		value: true,
	},
];
const values: SimulationValues = {
	population: "demo",
	reformKind: "parameters",
	reformFile: "rebuild-every-year-not-enrolled",
	parameters: initialParameters(law),
	horizon: "2025",
};

describe("simulationRequest", () => {
	it("sends only the parameters that differ from the law", () => {
		const changed = { ...values, parameters: { initial: "140", rebuildOnce: "false" } };
		expect(simulationRequest(changed, law, "demo")).toEqual({
			population: "demo",
			horizon: 2025,
			reform: { parameters: { rebuildOnce: false } },
		});
	});

	it("sends an emptied field and horizon as null, so that the API names them", () => {
		const emptied = { ...values, parameters: { initial: " ", rebuildOnce: "true" }, horizon: "" };
		expect(simulationRequest(emptied, law, "an-upload")).toEqual({
			population: "an-upload",
			horizon: null,
			reform: { parameters: { initial: null } },
		});
	});

	it("names the shipped reform when one is chosen", () => {
		expect(simulationRequest({ ...values, reformKind: "file" }, law, "demo").reform).toEqual({
			file: "rebuild-every-year-not-enrolled",
		});
	});
});
