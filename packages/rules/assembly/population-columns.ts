// Where the columns of a population are in memory (`PopulationColumns`, laid out by
// `src/population/population-parser.ts`), for the parser that fills them and the rules that read
// them: each module is told once, by `placeColumns`.

export let learnerIdsAt: usize = 0;
export let learnerRowStartsAt: usize = 0;
export let yearsAt: usize = 0;
export let contractsAt: usize = 0;
export let registeredAt: usize = 0;
export let earnedAt: usize = 0;
export let degreesAt: usize = 0;
/** How many rows the columns hold (the learner columns hold one more). */
export let rowCapacity: i32 = 0;

/** Where the columns are, and how many rows they hold. */
export function placeColumns(
	learnerIds: usize,
	learnerRowStarts: usize,
	years: usize,
	contracts: usize,
	registered: usize,
	earned: usize,
	degrees: usize,
	rows: i32,
): void {
	learnerIdsAt = learnerIds;
	learnerRowStartsAt = learnerRowStarts;
	yearsAt = years;
	contractsAt = contracts;
	registeredAt = registered;
	earnedAt = earned;
	degreesAt = degrees;
	rowCapacity = rows;
}

// Indexes into `populationContracts` and `populationDegrees` (population-law.ts).
export const diplomaContract: u8 = 0;
export const creditContract: u8 = 1;
export const noDegree: u8 = 0;
export const bachelorDegree: u8 = 1;
export const masterDegree: u8 = 2;
