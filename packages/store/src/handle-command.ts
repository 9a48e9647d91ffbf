import type { IsoDate } from "@rugzak/rules";
import type { AppendResult, EventStore, RebuildOptions } from "./event-store.ts";
import type { ImportOptions, ImportReport, ImportSource } from "./import/import-facts.ts";

/** What the store can be asked to do; the facts recorded are the events. */
export type StoreCommand =
	| {
			readonly type: "RecordFacts";
			readonly data: {
				readonly learnerId: string;
				readonly facts: readonly unknown[];
				readonly expectedVersion?: number | undefined;
				readonly idempotencyKey?: string | undefined;
				readonly today: IsoDate;
			};
	  }
	| {
			readonly type: "ImportFacts";
			readonly data: ImportOptions & { readonly source: ImportSource };
	  }
	| { readonly type: "RebuildProjections"; readonly data: RebuildOptions };

/** The answer to each command. */
export interface StoreAnswers {
	readonly RecordFacts: AppendResult;
	readonly ImportFacts: ImportReport;
	readonly RebuildProjections: { readonly learners: number };
}

/**
 * Carries out a command: the one way the API and the CLI change the store (they parse, call
 * this, and render). Throws InputError, ConcurrencyError or IdempotencyKeyReused, with nothing
 * written, when the store refuses.
 */
export async function handleCommand<TCommand extends StoreCommand>(
	store: EventStore,
	command: TCommand,
): Promise<StoreAnswers[TCommand["type"]]> {
	const answer = await answerOf(store, command);
	return answer as StoreAnswers[TCommand["type"]];
}

async function answerOf(store: EventStore, command: StoreCommand) {
	switch (command.type) {
		case "RecordFacts": {
			const { learnerId, facts, ...options } = command.data;
			return store.append(learnerId, facts, options);
		}
		case "ImportFacts": {
			const { source, ...options } = command.data;
			return store.importFacts(source, options);
		}
		case "RebuildProjections":
			return store.rebuildProjections(command.data);
		default: {
			const _: never = command;
			throw new Error(`unknown command ${JSON.stringify(_)}`);
		}
	}
}
