import {
	applyReform,
	type InstitutionPolicy,
	type Parameters,
	type PolicyRegistry,
	parsePolicies,
	parsePolicy,
	type Reform,
} from "@rugzak/rules";
import { loadParameters, readLawFile, readRulesYamlFolder } from "./law-files.ts";

export { LawFileNotReadable } from "./law-files.ts";
export { loadSimulationLaws } from "./load-simulation-laws.ts";

/** A policy named by `--policy` (or the API) that is neither shipped nor a policy file. */
export class UnknownPolicyError extends Error {
	override readonly name = "UnknownPolicyError";
	readonly code = "unknown-policy";
	readonly policy: string;

	constructor(policy: string, known: readonly string[]) {
		super(`unknown policy ${policy}; known: ${known.join(", ")}`);
		this.policy = policy;
	}
}

/** The law as rugzak ships it, with a reform applied when one is named. */
export interface Law {
	readonly parameters: Parameters;
	readonly policies: PolicyRegistry;
	readonly reform: Reform | undefined;
	readonly policyOverride: InstitutionPolicy | undefined;
}

export interface LawOptions {
	/** Path to a reform file (`--reform`). */
	readonly reform?: string | undefined;
	/** A shipped policy id or a path to a policy file (`--policy`), applied at every institution. */
	readonly policy?: string | undefined;
}

/** Reads and checks the parameter and policy files once, at the edge, and applies a reform. */
export function loadLaw(options: LawOptions = {}): Law {
	const { base, reform } = loadParameters(options.reform);
	const policies = parsePolicies(readRulesYamlFolder("policies"));
	let policyOverride: InstitutionPolicy | undefined;
	if (options.policy !== undefined) {
		policyOverride =
			policies.get(options.policy) ??
			(options.policy.endsWith(".yaml") ? parsePolicy(readLawFile(options.policy)) : undefined);
		if (policyOverride === undefined)
			throw new UnknownPolicyError(options.policy, [...policies.keys()]);
	}
	return {
		parameters: reform ? applyReform(base, reform) : base,
		policies,
		reform,
		policyOverride,
	};
}
