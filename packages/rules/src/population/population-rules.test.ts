import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as yearlyRules from "../leerkrediet/yearly-rules.ts";
import { populationRulesWasm } from "./population-rules-wasm.ts";
import { createMemory, instantiateOn, pageBytes } from "./population-wasm.ts";

// The population's WebAssembly is compiled from the very file the engine runs
// (`leerkrediet/yearly-rules.ts`), by AssemblyScript rather than tsc, with 32-bit integers where
// TypeScript has numbers. Its copies of the rule functions must give what the engine's give.
type RuleExports = {
	readonly [name in
		| "bonusFor"
		| "masterDeductionFor"
		| "rebuildIncrementFor"
		| "rebuildEpisodeAfter"]: (...args: number[]) => number;
};

const wasmRules = () => instantiateOn(populationRulesWasm, createMemory(pageBytes)) as RuleExports;

// Credits as the population holds them (16-bit columns, balances far above and below zero).
const credits = fc.integer({ min: -40_000, max: 40_000 });
const years = fc.integer({ min: 0, max: 30 });
const episode = fc.constantFrom(
	yearlyRules.rebuildNotStarted,
	yearlyRules.rebuildRunning,
	yearlyRules.rebuildEnded,
);
const flag = (value: boolean) => (value ? 1 : 0);

describe("the rule functions compiled to WebAssembly", () => {
	const wasm = wasmRules();

	it("give what the engine's give, for any arguments", () => {
		fc.assert(
			fc.property(credits, credits, fc.boolean(), (earned, remaining, earns) => {
				expect(wasm.bonusFor(earned, remaining, flag(earns))).toBe(
					yearlyRules.bonusFor(earned, remaining, earns),
				);
			}),
		);
		fc.assert(
			fc.property(credits, fc.boolean(), fc.boolean(), (deduction, firstOnly, obtained) => {
				expect(wasm.masterDeductionFor(deduction, flag(firstOnly), flag(obtained))).toBe(
					yearlyRules.masterDeductionFor(deduction, firstOnly, obtained),
				);
			}),
		);
		fc.assert(
			fc.property(
				fc.tuple(credits, credits, years, years),
				fc.tuple(credits, years, fc.boolean(), episode),
				([increment, ceiling, afterStopping, afterMaster], [balance, without, master, state]) => {
					const numbers = [
						increment,
						ceiling,
						afterStopping,
						afterMaster,
						balance,
						without,
					] as const;
					expect(wasm.rebuildIncrementFor(...numbers, flag(master), state)).toBe(
						yearlyRules.rebuildIncrementFor(...numbers, master, state),
					);
				},
			),
			{ numRuns: 2000 },
		);
		fc.assert(
			fc.property(
				fc.boolean(),
				episode,
				credits,
				fc.boolean(),
				(once, state, increment, enrolled) => {
					expect(wasm.rebuildEpisodeAfter(flag(once), state, increment, flag(enrolled))).toBe(
						yearlyRules.rebuildEpisodeAfter(once, state, increment, enrolled),
					);
				},
			),
		);
	});
});
