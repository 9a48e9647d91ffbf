import type { Fact } from "@rugzak/rules";
import type { Principal } from "./auth.ts";
import type { LearnerRecord, LearnerStore, LeerkredietProjection } from "./learner-store.ts";
import { ApiError } from "./problem.ts";

/** Refuses anonymous callers (401). */
export function requireSignedIn(principal: Principal): Exclude<Principal, { role: "anonymous" }> {
	if (principal.role === "anonymous")
		throw new ApiError("unauthenticated", "Sign in to use this route");
	return principal;
}

/** Refuses every role but the ones named (403). */
export function requireRole<TRole extends Principal["role"]>(
	principal: Principal,
	...roles: TRole[]
): Extract<Principal, { role: TRole }> {
	const signedIn = requireSignedIn(principal);
	if (!(roles as string[]).includes(signedIn.role))
		throw new ApiError("forbidden", `This route is for ${roles.join(" or ")}`);
	return signedIn as Extract<Principal, { role: TRole }>;
}

/**
 * Who may see a learner: the learner themselves, staff of an institution they enrolled at, and
 * the agency. Others get 403 without learning whether the learner exists.
 */
export async function readableLearner(
	principal: Principal,
	store: LearnerStore,
	learnerId: string,
): Promise<LearnerRecord> {
	const who = requireSignedIn(principal);
	if (who.role === "learner" && who.learnerId !== learnerId)
		throw new ApiError("forbidden", "Learners see only their own data");
	const learner = await store.learner(learnerId);
	if (who.role === "staff" && !learner?.institutions.includes(who.institution)) {
		throw new ApiError("forbidden", `Staff see only learners enrolled at ${who.institution}`);
	}
	if (!learner) throw new ApiError("not-found", `No learner ${learnerId}`);
	return learner;
}

/**
 * Who may record facts: staff for learners of their institution (or whom the facts enrol there),
 * enrolling only at their own institution, and the agency. Learners record nothing themselves.
 */
export async function writableLearner(
	principal: Principal,
	store: LearnerStore,
	learnerId: string,
	facts: readonly Fact[],
): Promise<LearnerRecord> {
	const who = requireRole(principal, "staff", "agency");
	const learner = await store.learner(learnerId);
	if (who.role === "staff") {
		const enrolments = facts.filter((fact) => fact.type === "LearnerEnrolled");
		if (enrolments.some((fact) => fact.data.institution !== who.institution)) {
			throw new ApiError(
				"forbidden",
				`Staff of ${who.institution} enrol learners only at ${who.institution}`,
			);
		}
		const known = learner?.institutions.includes(who.institution) === true;
		if (!known && enrolments.length === 0)
			throw new ApiError("forbidden", `Staff see only learners enrolled at ${who.institution}`);
	}
	if (!learner) throw new ApiError("not-found", `No learner ${learnerId}`);
	return learner;
}

/**
 * The learner's leerkrediet projection when the caller may see it, checked against the
 * institutions the projection itself records; undefined when there is none to read, so that the
 * caller falls back to `readableLearner` and computing.
 */
export async function readableProjection(
	principal: Principal,
	deps: { store: LearnerStore },
	learnerId: string,
): Promise<LeerkredietProjection | undefined> {
	const who = requireSignedIn(principal);
	if (who.role === "learner" && who.learnerId !== learnerId)
		throw new ApiError("forbidden", "Learners see only their own data");
	const projection = await deps.store.projection(learnerId);
	if (
		projection &&
		who.role === "staff" &&
		!projection.state.institutions.includes(who.institution)
	) {
		throw new ApiError("forbidden", `Staff see only learners enrolled at ${who.institution}`);
	}
	return projection;
}
