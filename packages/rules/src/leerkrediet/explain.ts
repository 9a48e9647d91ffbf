import type { IsoDate } from "../calendar/iso-date.ts";
import type { CourseUnitRef, Reason } from "./ledger.ts";

export type Language = "nl" | "en";
export type Text = { readonly nl: string; readonly en: string };

const monthNames = {
	nl: "januari februari maart april mei juni juli augustus september oktober november december",
	en: "January February March April May June July August September October November December",
};

/** A date as a reader writes it: `1 december 2016`, `1 December 2016`. */
export function formatDate(date: IsoDate, language: Language): string {
	const [year, month, day] = date.split("-").map(Number) as [number, number, number];
	return `${day} ${monthNames[language].split(" ")[month - 1]} ${year}`;
}

function unit(ref: CourseUnitRef): Text {
	const name = ref.name ?? ref.registrationId;
	return {
		nl: `opleidingsonderdeel ${name} (${ref.credits} studiepunten)`,
		en: `course unit ${name} (${ref.credits} credits)`,
	};
}

const outcomeWords = {
	failed: { nl: "niet geslaagd", en: "failed" },
	tolerated: { nl: "getolereerd", en: "tolerated" },
	deliberated: { nl: "gedelibereerd", en: "deliberated" },
	passed: { nl: "geslaagd", en: "passed" },
	exempted: { nl: "vrijgesteld", en: "exempted" },
} as const;

type Sentences = {
	readonly [TType in Reason["type"]]: (
		reason: Extract<Reason, { type: TType }>,
		credits: number,
	) => Text;
};

/** One sentence per reason, in Dutch and English; `credits` is the size of the line's change. */
const sentences: Sentences = {
	initial: (_, n) => ({
		nl: `Bij je eerste inschrijving met leerkrediet krijg je ${n} studiepunten leerkrediet.`,
		en: `At your first enrolment that uses leerkrediet you receive ${n} credits of leerkrediet.`,
	}),
	invested: (r, n) => ({
		nl: `Je zet ${n} studiepunten in voor ${unit(r.unit).nl}.`,
		en: `You invest ${n} credits in ${unit(r.unit).en}.`,
	}),
	earned: (r, n) => ({
		nl: `Je bent geslaagd voor ${unit(r.unit).nl}: je krijgt de ${n} ingezette studiepunten terug.`,
		en: `You passed ${unit(r.unit).en}: the ${n} credits you invested come back.`,
	}),
	"not-earned": (r) => ({
		nl: `Resultaat voor ${unit(r.unit).nl}: ${outcomeWords[r.outcome].nl}. Zonder creditbewijs krijg je de ingezette studiepunten niet terug.`,
		en: `Result for ${unit(r.unit).en}: ${outcomeWords[r.outcome].en}. Without a credit certificate the credits invested do not come back.`,
	}),
	bonus: (r, n) => ({
		nl: `Bonus: de eerste studiepunten die je onder diplomacontract verwerft, krijg je dubbel terug; ${n} extra voor ${unit(r.unit).nl}. Nog ${r.remaining} bonus over.`,
		en: `Bonus: the first credits you earn under a diploma contract come back twice; ${n} more for ${unit(r.unit).en}. ${r.remaining} of the bonus left.`,
	}),
	"no-bonus-contract": (r) => ({
		nl: `Geen bonus voor ${unit(r.unit).nl}: onder een ${r.contract}contract is er geen bonus.`,
		en: `No bonus for ${unit(r.unit).en}: a ${r.contract} contract earns no bonus.`,
	}),
	exempted: (r, n) => ({
		nl: `Vrijstelling voor ${unit(r.unit).nl}: vrijstellingen vallen buiten het leerkrediet, je krijgt de ${n} ingezette studiepunten terug.`,
		en: `Exemption for ${unit(r.unit).en}: exemptions are outside leerkrediet, so the ${n} credits invested come back.`,
	}),
	"exemption-granted": (r) => ({
		nl: `Vrijstelling voor ${unit(r.unit).nl}: je zet er geen leerkrediet voor in.`,
		en: `Exemption for ${unit(r.unit).en}: it uses no leerkrediet.`,
	}),
	"refund-border-date": (r, n) => ({
		nl: `Uitgeschreven voor ${unit(r.unit).nl} op of voor de grensdatum (${formatDate(r.borderDate, "nl")}): je krijgt ${n} studiepunten terug.`,
		en: `Deregistered from ${unit(r.unit).en} on or before the border date (${formatDate(r.borderDate, "en")}): ${n} credits come back.`,
	}),
	"lost-border-date": (r) => ({
		nl: `Uitgeschreven voor ${unit(r.unit).nl} na de grensdatum (${formatDate(r.borderDate, "nl")}): de ingezette studiepunten ben je kwijt.`,
		en: `Deregistered from ${unit(r.unit).en} after the border date (${formatDate(r.borderDate, "en")}): the credits invested are lost.`,
	}),
	"lost-credit-contract": (r) => ({
		nl: `Uitgeschreven voor ${unit(r.unit).nl} onder creditcontract: leerkrediet van een creditcontract krijg je nooit terug.`,
		en: `Deregistered from ${unit(r.unit).en} under a credit contract: credits invested under a credit contract never come back.`,
	}),
	"refund-generation-full": (r, n) => ({
		nl: `Als generatiestudent van opleiding veranderd tot en met ${formatDate(r.lastDay, "nl")}: je krijgt alle ${n} studiepunten van ${unit(r.unit).nl} terug.`,
		en: `As a generation student you changed programme on or before ${formatDate(r.lastDay, "en")}: all ${n} credits of ${unit(r.unit).en} come back.`,
	}),
	"refund-generation-half": (r, n) => ({
		nl: `Als generatiestudent van opleiding veranderd tussen ${formatDate(r.firstDay, "nl")} en ${formatDate(r.lastDay, "nl")}, na de grensdatum: je krijgt de helft, ${n} studiepunten, van ${unit(r.unit).nl} terug.`,
		en: `As a generation student you changed programme between ${formatDate(r.firstDay, "en")} and ${formatDate(r.lastDay, "en")}, past the border date: half, ${n} credits, of ${unit(r.unit).en} comes back.`,
	}),
	"lost-generation": (r) => ({
		nl: `Van opleiding veranderd na ${formatDate(r.lastDay, "nl")} en na de grensdatum: de studiepunten van ${unit(r.unit).nl} ben je kwijt.`,
		en: `Changed programme after ${formatDate(r.lastDay, "en")} and past the border date: the credits of ${unit(r.unit).en} are lost.`,
	}),
	restored: (r, n) => ({
		nl: `Leerkrediet teruggegeven wegens ${r.why}: ${n} studiepunten van ${unit(r.unit).nl}.`,
		en: `Leerkrediet restored (${r.why === "overmacht" ? "force majeure" : r.why}): ${n} credits of ${unit(r.unit).en}.`,
	}),
	"master-deduction": (_, n) => ({
		nl: `Je behaalde je eerste masterdiploma: ${n} studiepunten worden van je leerkrediet afgetrokken.`,
		en: `You obtained your first master degree: ${n} credits are taken from your leerkrediet.`,
	}),
	"later-master": () => ({
		nl: "Masterdiploma behaald: alleen het eerste masterdiploma wordt van het leerkrediet afgetrokken, dit niet.",
		en: "Master degree obtained: only the first master degree is taken from leerkrediet, so this one is not.",
	}),
	"bachelor-degree": () => ({
		nl: "Bachelordiploma behaald: dat verandert niets aan je leerkrediet.",
		en: "Bachelor degree obtained: it does not change your leerkrediet.",
	}),
	"graduaat-degree": () => ({
		nl: "Graduaatsdiploma behaald: schrijf je je later in een bachelor in, dan wordt je leerkrediet aangevuld als het te laag is.",
		en: "Graduaat degree obtained: when you later enrol in a bachelor, your leerkrediet is topped up if it is too low.",
	}),
	"degree-without-effect": (r) => ({
		nl: `Diploma behaald (${r.kind}): dat verandert niets aan je leerkrediet.`,
		en: `Degree obtained (${r.kind}): it does not change your leerkrediet.`,
	}),
	rebuild: (r, n) => ({
		nl: `Een academiejaar zonder inschrijving met leerkrediet: je leerkrediet groeit met ${n} studiepunten, tot hoogstens ${r.ceiling}.`,
		en: `An academic year without an enrolment that uses leerkrediet: your leerkrediet grows by ${n} credits, up to ${r.ceiling} at most.`,
	}),
	"bonus-forfeited": (r) => ({
		nl: `Met de automatische heropbouw vervalt de rest van je bonus (${r.forfeited} studiepunten).`,
		en: `With the automatic rebuild, the rest of your bonus (${r.forfeited} credits) lapses.`,
	}),
	"graduaat-top-up": (r, n) => ({
		nl: `Inschrijving in een bachelor na een graduaatsdiploma: je leerkrediet wordt aangevuld tot ${r.topUpTo} (+${n}).`,
		en: `Enrolment in a bachelor after a graduaat degree: your leerkrediet is topped up to ${r.topUpTo} (+${n}).`,
	}),
	"not-required": (r) => ({
		nl: `Inschrijving (${r.kind}, ${r.contract}contract) zonder leerkrediet: deze inschrijving gebruikt geen leerkrediet.`,
		en: `Enrolment (${r.kind}, ${r.contract} contract) without leerkrediet: this enrolment uses no leerkrediet.`,
	}),
	"exceptional-admission": (r) => ({
		nl: `Uitzonderlijke toelating door ${r.institution}: je mag je inschrijven ondanks onvoldoende leerkrediet.`,
		en: `Exceptional admission by ${r.institution}: you may enrol despite insufficient leerkrediet.`,
	}),
};

/** The sentence, in Dutch and English, that explains a ledger line. */
export function describe(reason: Reason, credits: number): Text {
	const sentence = sentences[reason.type] as (reason: Reason, credits: number) => Text;
	return sentence(reason, Math.abs(credits));
}
