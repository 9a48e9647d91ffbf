import { describe, expect, it } from "vitest";
import { canonicalJson, requestHash } from "./canonical-json.ts";

describe("canonical JSON", () => {
	it("gives the same text whatever the key order, and keeps array order", () => {
		expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
			'{"a":{"c":null,"d":[2,1]},"b":1}',
		);
		expect(requestHash({ b: 1, a: 2 })).toBe(requestHash({ a: 2, b: 1 }));
		expect(requestHash({ a: [1, 2] })).not.toBe(requestHash({ a: [2, 1] }));
	});
});
