import type { PolicyVersion } from "../policies/institution-policy.ts";
import type { Contract, ProgrammeKind } from "../programme.ts";
import type { LeerkredietLaw } from "./law.ts";

/**
 * R1, R10, R11, E12: whether enrolling under `contract` in a programme of `kind` uses leerkrediet:
 * diploma and credit contracts in an initial bachelor or master, every credit contract, never an
 * exam contract; a micro-credential only where the institution's policy says so.
 */
export function usesLeerkrediet(
	law: LeerkredietLaw,
	contract: Contract,
	kind: ProgrammeKind,
	policy: PolicyVersion,
): boolean {
	if (kind === "micro-credential") {
		return law.scopeContracts.value.includes(contract) && policy.microCredentialsUseLeerkrediet;
	}
	return programmeUsesLeerkrediet(law, contract, kind);
}

/** R1, R10, R11: the same for a programme kind the law itself settles, with no institution's say. */
export function programmeUsesLeerkrediet(
	law: LeerkredietLaw,
	contract: Contract,
	kind: Exclude<ProgrammeKind, "micro-credential">,
): boolean {
	if (!law.scopeContracts.value.includes(contract)) return false;
	return (
		law.scopeProgrammeKinds.value.includes(kind) ||
		law.anyProgrammeContracts.value.includes(contract)
	);
}
