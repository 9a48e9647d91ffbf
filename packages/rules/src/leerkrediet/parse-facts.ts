import type { z } from "zod";
import { InputError, type InputIssue } from "../errors.ts";
import { type FactsFile, factsFileSchema } from "./facts.ts";
import type { RuleId } from "./rule-catalogue.ts";

/** The rule a field serves, so that a schema error names it (R3 for credits, R1 for contracts, …). */
const ruleOfField: Record<string, RuleId> = {
	credits: "R3",
	contract: "R1",
	kind: "R1",
	academicYear: "V1",
	date: "V1",
	periodStartDate: "R12",
	period: "R12",
	firstPartialTrack: "R12",
	outcome: "R4",
	session: "R4",
	registrationId: "V2",
	registrationIds: "R20",
	enrolmentId: "V2",
	fromEnrolmentId: "R13",
	toEnrolmentId: "R13",
	reason: "R20",
	institution: "R1",
	id: "V3",
};

function issueOf(issue: z.core.$ZodIssue, raw: unknown): InputIssue {
	const path = issue.path.map(String);
	if (path[0] !== "facts" || path.length < 2) {
		return {
			factId: undefined,
			field: path.join(".") || "(file)",
			rule: "V2",
			code: "malformed",
			message: issue.message,
		};
	}
	const position = Number(path[1]);
	const rawFact = (raw as { facts?: unknown[] }).facts?.[position] as { id?: unknown } | undefined;
	const factId = typeof rawFact?.id === "string" ? rawFact.id : `facts[${position}]`;
	const field = path.slice(2).join(".") || "(fact)";
	const named = path
		.slice(2)
		.reverse()
		.find((part) => Object.hasOwn(ruleOfField, part));
	const rule = named === undefined ? "V2" : (ruleOfField[named] as RuleId);
	return { factId, field, rule, code: "invalid-value", message: issue.message };
}

/** Checks a parsed JSON value against the facts format; throws InputError naming each fact and field. */
export function parseFactsFile(raw: unknown): FactsFile {
	const result = factsFileSchema.safeParse(raw);
	if (!result.success)
		throw new InputError(result.error.issues.map((issue) => issueOf(issue, raw)));
	return result.data;
}

/** Parses the text of a facts file; a file that is not JSON is reported with its position. */
export function parseFactsJson(text: string, fileName: string): FactsFile {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		const message = `${fileName} is not valid JSON: ${(error as Error).message}`;
		throw new InputError([
			{ factId: undefined, field: "(file)", rule: "V2", code: "malformed", message },
		]);
	}
	return parseFactsFile(raw);
}
