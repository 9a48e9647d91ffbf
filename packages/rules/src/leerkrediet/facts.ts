import { z } from "zod";
import { parseAcademicYear } from "../calendar/academic-year.ts";
import { isIsoDate } from "../calendar/iso-date.ts";
import { contracts, programmeKinds, teachingPeriods } from "../programme.ts";

/** The version of the facts format; a file names it in `schemaVersion`. */
export const factsSchemaVersion = 1;

const isoDate = z
	.string()
	.refine(isIsoDate, "expected a calendar date as YYYY-MM-DD")
	.meta({ format: "date" });
const id = z.string().min(1, "an id cannot be empty").max(200);
const academicYear = z
	.string()
	.refine(
		(label) => parseAcademicYear(label) !== undefined,
		"expected an academic year such as 2016-2017",
	)
	.meta({ pattern: "^\\d{4}-\\d{4}$", examples: ["2016-2017"] });
const credits = z
	.number("credits must be a number")
	.int("credits must be a whole number")
	.positive("credits must be more than 0")
	.max(999);

function fact<TType extends string, TData extends z.ZodRawShape>(
	type: TType,
	description: string,
	data: TData,
) {
	return z
		.strictObject({
			id: id.describe("Unique id of this fact within the learner's history"),
			type: z.literal(type),
			date: isoDate.describe("The civil date on which the fact took effect"),
			data: z.strictObject(data),
		})
		.describe(description);
}

export const learnerEnrolledSchema = fact(
	"LearnerEnrolled",
	"The learner enrolled in a programme at an institution for an academic year, under a contract",
	{
		academicYear,
		institution: id.describe("Institution id; its InstitutionPolicy is looked up by this id"),
		programme: z.strictObject({
			id: id.optional(),
			name: z.string().max(300).optional(),
			kind: z.enum(programmeKinds),
		}),
		contract: z.enum(contracts),
	},
);

export const courseUnitRegisteredSchema = fact(
	"CourseUnitRegistered",
	"The learner registered for a course unit (opleidingsonderdeel) within an enrolment",
	{
		enrolmentId: id,
		courseUnit: z.strictObject({
			id: id.optional(),
			name: z.string().max(300).optional(),
			credits,
		}),
		period: z.enum(teachingPeriods).describe("The teaching period in which the course unit starts"),
		periodStartDate: isoDate.describe("First day of that teaching period"),
		firstPartialTrack: z
			.boolean()
			.optional()
			.describe("Part of the first partial track (eerste deeltraject), for 4-week border dates"),
	},
);

export const courseUnitDeregisteredSchema = fact(
	"CourseUnitDeregistered",
	"The learner deregistered from a course unit before its exams",
	{ registrationId: id },
);

export const examTakenSchema = fact(
	"ExamTaken",
	"The learner took (part of) the exam of a course unit; it then stays on the record",
	{ registrationId: id },
);

export const outcomes = ["passed", "failed", "tolerated", "deliberated", "exempted"] as const;
export type Outcome = (typeof outcomes)[number];

export const resultRecordedSchema = fact(
	"ResultRecorded",
	"The result of a course unit: passed (credit certificate), failed, tolerated, deliberated or exempted",
	{
		registrationId: id,
		outcome: z.enum(outcomes),
		session: z.union([z.literal(1), z.literal(2)]).optional(),
	},
);

export const programmeChangedSchema = fact(
	"ProgrammeChanged",
	"The learner left one programme for another in the same academic year (heroriëntering); dated on leaving",
	{ fromEnrolmentId: id, toEnrolmentId: id },
);

export const degreeAwardedSchema = fact(
	"DegreeAwarded",
	"The learner obtained the degree of the programme of an enrolment",
	{ enrolmentId: id },
);

export const exemptionGrantedSchema = fact(
	"ExemptionGranted",
	"An exemption (vrijstelling) for a course unit of an enrolment; it uses no leerkrediet",
	{
		enrolmentId: id,
		courseUnit: z.strictObject({
			id: id.optional(),
			name: z.string().max(300).optional(),
			credits,
		}),
	},
);

export const restorationReasons = ["overmacht", "corona"] as const;

export const creditsRestoredSchema = fact(
	"CreditsRestored",
	"Leerkrediet given back for course units by decision (force majeure, corona procedure)",
	{
		registrationIds: z.array(id).min(1),
		reason: z.enum(restorationReasons),
		decision: z.string().max(300).optional(),
	},
);

export const exceptionalAdmissionGrantedSchema = fact(
	"ExceptionalAdmissionGranted",
	"The institution admits the learner despite insufficient leerkrediet (uitzonderlijke toelating)",
	{ academicYear, institution: id },
);

export const factSchema = z.discriminatedUnion("type", [
	learnerEnrolledSchema,
	courseUnitRegisteredSchema,
	courseUnitDeregisteredSchema,
	examTakenSchema,
	resultRecordedSchema,
	programmeChangedSchema,
	degreeAwardedSchema,
	exemptionGrantedSchema,
	creditsRestoredSchema,
	exceptionalAdmissionGrantedSchema,
]);

export type Fact = z.infer<typeof factSchema>;
export type FactType = Fact["type"];
export type FactOf<TType extends FactType> = Extract<Fact, { type: TType }>;
export const factTypes = factSchema.options.map((option) => option.shape.type.value);

export const factsFileSchema = z
	.strictObject({
		$schema: z.string().optional(),
		schemaVersion: z.literal(factsSchemaVersion),
		description: z.string().max(2000).optional(),
		learner: z
			.strictObject({
				id: id.describe("The learner's id in rugzak; never a national register number (BSN)"),
				name: z.string().max(300).optional(),
			})
			.optional(),
		facts: z.array(factSchema).max(100_000),
	})
	.describe("One learner's facts for the leerkrediet, in rugzak's facts format version 1");

export type FactsFile = z.infer<typeof factsFileSchema>;
