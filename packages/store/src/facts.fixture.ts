import { readFileSync } from "node:fs";
import type { Fact } from "@rugzak/rules";

// Test support: facts of the worked examples, and small made-up ones.

/** One row of an import file: a learner id and a fact. */
export type ImportRow = { readonly learnerId: string } & Fact;

/** The facts of an example in `examples/leerkrediet/`. */
export function exampleFacts(file: string): Fact[] {
	const url = new URL(`../../../examples/leerkrediet/${file}`, import.meta.url);
	return JSON.parse(readFileSync(url, "utf8")).facts;
}

/** The rows of the examples, learner after learner, each learner named after its file. */
export function exampleRows(files: readonly string[]): ImportRow[] {
	return files.flatMap((file) =>
		exampleFacts(file).map((fact) => ({ learnerId: file.replace(/\.json$/, ""), ...fact })),
	);
}

/** An enrolment at KdG in 2020-2021, under a diploma contract. */
export const enrolment: Fact = {
	id: "e1",
	type: "LearnerEnrolled",
	date: "2020-09-20",
	data: {
		academicYear: "2020-2021",
		institution: "kdg",
		programme: { kind: "bachelor" },
		contract: "diploma",
	},
};

/** Course unit `n`: odd ones registered (1 credit of leerkrediet each), even ones exempted (none). */
export function unit(n: number): Fact {
	if (n % 2 === 0) {
		const courseUnit = { credits: 1 };
		return {
			id: `u${n}`,
			type: "ExemptionGranted",
			date: "2020-09-21",
			data: { enrolmentId: "e1", courseUnit },
		};
	}
	return {
		id: `u${n}`,
		type: "CourseUnitRegistered",
		date: "2020-09-21",
		data: {
			enrolmentId: "e1",
			courseUnit: { credits: 1 },
			period: "semester-1",
			periodStartDate: "2020-09-28",
		},
	};
}
