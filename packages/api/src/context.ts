import type { IsoDate, Parameters, PolicyRegistry } from "@rugzak/rules";
import type { Authenticator, Principal } from "./auth.ts";
import type { LearnerStore } from "./learner-store.ts";
import type { Logger } from "./logger.ts";
import type { SimulationService } from "./simulations/simulation-jobs.ts";

/** The law the API answers with: parameters (a reform applied, if any) and institution policies. */
export interface LawSnapshot {
	readonly parameters: Parameters;
	readonly policies: PolicyRegistry;
}

/** A demo user offered on the login screen in demo mode. */
export interface DemoUser {
	readonly id: string;
	readonly name: string;
	readonly role: "learner" | "staff" | "agency";
	readonly learnerId?: string;
	readonly institution?: string;
}

/** Everything the API's handlers use, passed in so tests build the app with what they need. */
export interface ApiDependencies {
	readonly law: LawSnapshot;
	readonly store: LearnerStore;
	readonly auth: Authenticator;
	readonly logger: Logger;
	readonly today: () => IsoDate;
	/** Population simulations for the agency, in worker threads. */
	readonly simulations: SimulationService;
	readonly demoUsers?: readonly DemoUser[] | undefined;
	/** Adds GET /bench/bare/{id}, the one-row baseline of `npm run bench`; off unless asked. */
	readonly benchRoutes?: boolean | undefined;
	/** Folder of the built portal (packages/web/dist), served at `/`. */
	readonly webRoot?: string | undefined;
}

export type AppEnv = {
	Variables: {
		principal: Principal;
		requestId: string;
	};
};
