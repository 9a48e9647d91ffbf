import { describe, expect, it } from "vitest";
import { peakMemoryBytes } from "./peak-memory.ts";

describe("peakMemoryBytes", () => {
	it("grows with what this process holds", () => {
		const before = peakMemoryBytes();
		const held = Buffer.alloc(128 << 20, 1);
		expect(peakMemoryBytes()).toBeGreaterThanOrEqual(before + held.length / 2);
	});
});
