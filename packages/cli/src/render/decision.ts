import type { Language, RegistrationDecision } from "@rugzak/rules";
import { euro, textTable } from "./table.ts";

const words = {
	nl: {
		title: "Beslissing over de inschrijving",
		category: "Categorie",
		balance: "Leerkrediet vooraf",
		requested: "Gevraagde studiepunten",
		uncovered: "Niet gedekt",
		law: "De wet laat toe",
		policy: "Beleid van de instelling",
		enrolled: "Ingeschreven studiepunten",
		after: "Leerkrediet nadien",
		surcharge: "Verhoogd studiegeld",
		tuition: "Studiegeld",
		total: "Totaal te betalen",
		notApplicable: "niet van toepassing",
		notKnown: "niet gekend",
	},
	en: {
		title: "Registration decision",
		category: "Category",
		balance: "Leerkrediet before",
		requested: "Credits requested",
		uncovered: "Not covered",
		law: "The law allows",
		policy: "Institution policy",
		enrolled: "Credits enrolled",
		after: "Leerkrediet after",
		surcharge: "Surcharge",
		tuition: "Tuition",
		total: "Total to pay",
		notApplicable: "not applicable",
		notKnown: "not known",
	},
} as const;

/** A registration decision as text: the figures, then the reasons with their rules. */
export function renderDecision(decision: RegistrationDecision, language: Language): string {
	const w = words[language];
	const tuition = decision.tuition;
	const tuitionCents = tuition.applicable ? tuition.totalCents : 0;
	const rows = [
		[w.category, decision.category],
		[w.balance, String(decision.balanceBefore)],
		[w.requested, String(decision.requestedCredits)],
		[w.uncovered, String(decision.uncoveredCredits)],
		[w.law, decision.lawAllows.join(", ")],
		[w.policy, `${decision.policyChooses} (${decision.policy.name})`],
		[w.enrolled, String(decision.enrolledCredits)],
		[w.after, String(decision.balanceAfter)],
		[
			w.surcharge,
			decision.surchargeCents === null ? w.notKnown : euro(decision.surchargeCents, language),
		],
		[w.tuition, tuition.applicable ? euro(tuition.totalCents, language) : w.notApplicable],
		[w.total, euro(tuitionCents + (decision.surchargeCents ?? 0), language)],
	];
	const reasons = decision.reasons.map((reason) => `  ${reason.rule}  ${reason.text[language]}`);
	return `${w.title} ${decision.academicYear}\n\n${textTable(rows, { leftColumns: 2 })}\n\n${reasons.join("\n")}\n  R22  ${tuition.text[language]}\n`;
}
