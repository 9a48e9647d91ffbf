/** A public source a rule rests on. */
export interface Source {
	readonly label: string;
	readonly url: string;
}

export interface RuleDescription {
	readonly title: { readonly nl: string; readonly en: string };
	readonly sources: readonly Source[];
}

const official = {
	leerkrediet: {
		label: "onderwijs.vlaanderen.be, Leerkrediet",
		url: "https://www.onderwijs.vlaanderen.be/nl/studenten/studietraject-evaluatie-en-diploma/leerkrediet",
	},
	changeProgramme: {
		label: "onderwijs.vlaanderen.be, Ik verander van opleiding [P-1]",
		url: "https://www.onderwijs.vlaanderen.be/nl/studenten/studietraject-evaluatie-en-diploma/leerkrediet/situaties-die-je-leerkrediet-kunnen-be%C3%AFnvloeden/ik-verander-van-opleiding",
	},
	rebuild: {
		label: "onderwijs.vlaanderen.be, Kan ik mijn leerkrediet weer opbouwen? [P-2]",
		url: "https://www.onderwijs.vlaanderen.be/nl/studenten/studietraject-evaluatie-en-diploma/leerkrediet/het-saldo-van-je-leerkrediet/kan-ik-mijn-leerkrediet-weer-opbouwen",
	},
	insufficient: {
		label: "onderwijs.vlaanderen.be, Ik heb onvoldoende leerkrediet. Wat nu? [P-3]",
		url: "https://www.onderwijs.vlaanderen.be/nl/studenten/studietraject-evaluatie-en-diploma/leerkrediet/het-saldo-van-je-leerkrediet/ik-heb-onvoldoende-leerkrediet-wat-nu",
	},
	situations: {
		label: "onderwijs.vlaanderen.be, Situaties die je leerkrediet kunnen beïnvloeden [P-4]",
		url: "https://onderwijs.vlaanderen.be/nl/situaties-die-je-leerkrediet-kunnen-be%C3%AFnvloeden",
	},
	forceMajeure: {
		label: "onderwijs.vlaanderen.be, Terugvordering van leerkrediet wegens overmacht [P-5]",
		url: "https://onderwijs.vlaanderen.be/nl/terugvordering-van-leerkrediet-wegens-overmacht",
	},
} as const satisfies Record<string, Source>;

const seed000 = {
	label: "KU Leuven, Leerkrediet [SEED-000]",
	url: "http://www.kuleuven.be/leerkrediet",
};
const seed001 = {
	label: "KdG, Learning account [SEED-001]",
	url: "https://www.kdg.be/en/students/learning-account",
};
const ugent = {
	label: "UGent, Hoe werkt leerkrediet [P-7]",
	url: "https://www.ugent.be/student/nl/administratie/studievoortgang-leerkrediet/leerkrediet/hoewerktleerkrediet.htm",
};
const ugentScope = {
	label: "UGent, Leerkrediet voor wie [P-8]",
	url: "https://www.ugent.be/student/nl/administratie/studievoortgang-leerkrediet/leerkrediet/leerkredietvooriedereen.htm",
};
const vub = {
	label: "VUB, Learning account [P-12]",
	url: "https://student.vub.be/en/learning-account",
};
const vives = {
	label: "VIVES, Leerkrediet [P-20]",
	url: "https://www.vives.be/nl/studeren/ondersteuning/leerkrediet",
};
const ehb = {
	label: "EhB, FAQ Leerkrediet [P-22]",
	url: "https://www.erasmushogeschool.be/nl/faq-leerkrediet",
};
const codex = {
	label: "Codex Hoger Onderwijs, art. I.3 (academiejaar)",
	url: "https://data-onderwijs.vlaanderen.be/edulex/document.aspx?docid=14794",
};
const tuition = {
	label: "onderwijskiezer, Financiën hoger onderwijs [P-29]",
	url: "https://www.onderwijskiezer.be/v2/hoger/hoger_financien.php",
};
const research = {
	label: "rugzak docs/leerkrediet.md (decision where the sources leave room)",
	url: "docs/leerkrediet.md",
};

/** Every rule the engine applies, by id, as in research/leerkrediet.md and docs/leerkrediet.md. */
export const ruleCatalogue = {
	R1: {
		title: {
			nl: "Welke inschrijvingen leerkrediet gebruiken",
			en: "Which enrolments use leerkrediet",
		},
		sources: [official.leerkrediet, ugentScope, seed001],
	},
	R2: {
		title: {
			nl: "Startkrediet bij de eerste inschrijving",
			en: "Initial credit at the first enrolment",
		},
		sources: [official.leerkrediet, seed000, seed001],
	},
	R3: {
		title: { nl: "Inzetten bij inschrijving", en: "Investment on registration" },
		sources: [official.leerkrediet, seed001],
	},
	R4: {
		title: { nl: "Terugwinnen bij een creditbewijs", en: "Earning back on a pass" },
		sources: [official.leerkrediet, vives, seed001],
	},
	R5: {
		title: {
			nl: "Bonus: de eerste verworven studiepunten dubbel",
			en: "Bonus: the first credits earned count twice",
		},
		sources: [ugent, vub, seed001],
	},
	R6: {
		title: { nl: "Bachelordiploma verandert niets", en: "A bachelor degree changes nothing" },
		sources: [official.situations],
	},
	R7: {
		title: {
			nl: "Aftrek bij het eerste masterdiploma",
			en: "Deduction at the first master degree",
		},
		sources: [official.situations, vub, seed000, seed001],
	},
	R8: {
		title: {
			nl: "Vrijstellingen vallen buiten het leerkrediet",
			en: "Exemptions are outside leerkrediet",
		},
		sources: [vives],
	},
	R9: {
		title: {
			nl: "Creditcontract: geen bonus en geen teruggave",
			en: "Credit contract: no bonus and no refund",
		},
		sources: [ugentScope, ehb, seed001],
	},
	R10: {
		title: {
			nl: "Examencontract gebruikt geen leerkrediet",
			en: "Exam contract uses no leerkrediet",
		},
		sources: [official.leerkrediet, seed001],
	},
	R11: {
		title: { nl: "Opleidingen zonder leerkrediet", en: "Programmes without leerkrediet" },
		sources: [official.leerkrediet, seed001],
	},
	R12: {
		title: {
			nl: "Uitschrijven voor de grensdatum geeft leerkrediet terug",
			en: "Deregistering before the border date gives credits back",
		},
		sources: [official.changeProgramme, official.situations, seed001],
	},
	R13: {
		title: {
			nl: "Heroriëntering van een generatiestudent",
			en: "Programme change by a generation student",
		},
		sources: [official.changeProgramme, seed001],
	},
	R14: {
		title: { nl: "Stoppen zonder nieuwe opleiding", en: "Stopping without a new programme" },
		sources: [official.situations],
	},
	R15: {
		title: {
			nl: "Onvoldoende leerkrediet: wat de wet en de instelling toelaten",
			en: "Insufficient leerkrediet: what the law and the institution allow",
		},
		sources: [official.insufficient],
	},
	R16: {
		title: {
			nl: "Eerste aansluitende master kan niet geweigerd worden",
			en: "A first connecting master cannot be refused",
		},
		sources: [official.insufficient, ehb, seed001],
	},
	R17: {
		title: { nl: "Uitzonderlijke toelating", en: "Exceptional admission" },
		sources: [official.insufficient, seed001],
	},
	R18: {
		title: {
			nl: "Eenmalige automatische heropbouw",
			en: "Once-only automatic rebuild",
		},
		sources: [official.rebuild, seed001],
	},
	R19: {
		title: { nl: "Aanvulling na een graduaat", en: "Top-up after a graduaat" },
		sources: [official.rebuild, ehb],
	},
	R20: {
		title: { nl: "Teruggave wegens overmacht", en: "Restoration for force majeure" },
		sources: [official.forceMajeure],
	},
	R21: {
		title: { nl: "Studievoortgang (studierendement)", en: "Study progress (study efficiency)" },
		sources: [ehb, official.leerkrediet],
	},
	R22: {
		title: { nl: "Studiegeld", en: "Tuition (studiegeld)" },
		sources: [tuition],
	},
	V1: {
		title: {
			nl: "Een feit valt binnen zijn academiejaar",
			en: "A fact lies within its academic year",
		},
		sources: [codex, research],
	},
	V2: {
		title: {
			nl: "Een feit verwijst naar bestaande, eerdere feiten",
			en: "A fact refers to existing, earlier facts",
		},
		sources: [research],
	},
	V3: {
		title: { nl: "Elk feit heeft een eigen id", en: "Every fact has its own id" },
		sources: [research],
	},
	V4: {
		title: {
			nl: "Het verloop van een opleidingsonderdeel is mogelijk",
			en: "A course unit's history is possible",
		},
		sources: [official.changeProgramme, research],
	},
} as const satisfies Record<string, RuleDescription>;

export type RuleId = keyof typeof ruleCatalogue;
