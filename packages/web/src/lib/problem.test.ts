import { describe, expect, it } from "vitest";
import { fieldErrors, messageFor } from "./problem.ts";

const fields = ["date", "data.courseUnit.credits", "data.courseUnit", "data.enrolmentId"];

describe("fieldErrors", () => {
	it("puts the contract's example error beside the credits field", () => {
		const problem = {
			status: 422,
			errors: [
				{ path: "facts.0.data.courseUnit.credits", message: "credits must be a whole number" },
			],
		};
		expect(fieldErrors(problem, fields, "facts.0.")).toEqual({
			byField: { "data.courseUnit.credits": "credits must be a whole number" },
			unmatched: [],
		});
	});

	it("gives a deeper path to the longest field it starts with", () => {
		const problem = { errors: [{ path: "facts.0.data.courseUnit.name.0", message: "too long" }] };
		expect(fieldErrors(problem, fields, "facts.0.").byField).toEqual({
			"data.courseUnit": "too long",
		});
	});

	it("joins two messages for one field and keeps unknown paths for the form's alert", () => {
		const problem = {
			errors: [
				{ path: "facts.0.date", message: "outside the academic year" },
				{ path: "facts.0.date", message: "after the result" },
				{ path: "facts.0.id", message: "id already used" },
				{ path: "", message: "body must be JSON" },
			],
		};
		expect(fieldErrors(problem, fields, "facts.0.")).toEqual({
			byField: { date: "outside the academic year; after the result" },
			unmatched: ["facts.0.id: id already used", "body must be JSON"],
		});
	});

	it("does not match a field that is only a prefix of another word", () => {
		const problem = { errors: [{ path: "dateOfBirth", message: "no" }] };
		expect(fieldErrors(problem, ["date"]).unmatched).toEqual(["dateOfBirth: no"]);
	});

	it("answers nothing for a problem without errors", () => {
		expect(fieldErrors({ detail: "gone" }, fields)).toEqual({ byField: {}, unmatched: [] });
	});
});

describe("messageFor", () => {
	const errors = fieldErrors(
		{ errors: [{ path: "date", message: "Invalid input: expected string, received undefined" }] },
		["date", "credits"],
	);

	it("says the field is required in the portal's words when it was left empty", () => {
		expect(messageFor(errors, { name: "date", value: "  " }, "Fill in this field.")).toBe(
			"Fill in this field.",
		);
	});

	it("keeps the API's message for a field that has a value, and nothing for a field without error", () => {
		expect(messageFor(errors, { name: "date", value: "2026-13-01" }, "required")).toBe(
			"Invalid input: expected string, received undefined",
		);
		expect(messageFor(errors, { name: "credits", value: "" }, "required")).toBeUndefined();
	});
});
