import { parseArgs } from "node:util";
import {
	computeLeerkrediet,
	decideRegistration,
	type Fact,
	type LeerkredietContext,
	latestInstitution,
	parseAcademicYear,
	planYear,
	whatIf,
} from "@rugzak/rules";
import { loadLaw } from "@rugzak/store";
import type { Io } from "../io.ts";
import {
	choices,
	isoDateOption,
	languageOption,
	oneOf,
	positiveInteger,
	required,
} from "../options.ts";
import { readFacts } from "../read-facts.ts";
import { renderDecision } from "../render/decision.ts";
import { renderStatement } from "../render/statement.ts";
import { renderWhatIf } from "../render/what-if.ts";
import { UsageError } from "../usage-error.ts";

export const leerkredietUsage = `Usage:
  rugzak leerkrediet statement FACTS.json [--at DATE] [--reform FILE] [--policy NAME] [--lang nl|en] [--json]
  rugzak leerkrediet check FACTS.json --credits N --programme KIND --contract KIND --date DATE
                           [--institution ID] [--tariff standard|near-scholarship|scholarship]
                           [--not-connecting] [--reform FILE] [--policy NAME] [--lang nl|en] [--json]
  rugzak leerkrediet what-if FACTS.json (--add HYPOTHETICAL.json | --plan YEAR:REGISTERED:PASSED ...)
                           [--at DATE] [--institution ID] [--reform FILE] [--policy NAME] [--lang nl|en] [--json]

  programme kinds: ${choices.programmeKinds.join(", ")}
  contracts: ${choices.contracts.join(", ")}`;

const common = {
	at: { type: "string" },
	reform: { type: "string" },
	policy: { type: "string" },
	lang: { type: "string" },
	json: { type: "boolean" },
	institution: { type: "string" },
} as const;

type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean }>;
type Values = Readonly<Record<string, string | boolean | string[] | undefined>>;

/** A string flag's value; parseArgs has already refused a missing one. */
function text(values: Values, name: string): string | undefined {
	const value = values[name];
	return typeof value === "string" ? value : undefined;
}

function setUp(args: string[], io: Io, extra: OptionSpec = {}) {
	const parsed = parseArgs({
		args,
		options: { ...common, ...extra },
		allowPositionals: true,
		strict: true,
	});
	const values = parsed.values as Values;
	const [file, ...rest] = parsed.positionals;
	if (file === undefined) throw new UsageError("a facts file is required");
	if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
	const law = loadLaw({ reform: text(values, "reform"), policy: text(values, "policy") });
	const facts = readFacts(file);
	const at = isoDateOption("at", text(values, "at")) ?? io.today();
	const context: LeerkredietContext = {
		parameters: law.parameters,
		policies: law.policies,
		policyOverride: law.policyOverride,
		at,
	};
	const language = languageOption(text(values, "lang"), io.env);
	return { values, law, facts, context, language, json: values["json"] === true };
}

function write(io: Io, json: boolean, value: unknown, text: () => string): void {
	io.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text());
}

/** `rugzak leerkrediet statement`: the yearly table and the explained ledger. */
export function statementCommand(args: string[], io: Io): void {
	const { facts, context, language, json, law } = setUp(args, io);
	const account = computeLeerkrediet(facts.facts, context);
	const document = {
		schemaVersion: 1,
		learner: facts.learner ?? null,
		at: account.at,
		reform: law.reform?.name ?? null,
		policy: law.policyOverride?.id ?? null,
		years: account.years,
		state: account.state,
		studyProgress: account.studyProgress,
		ledger: account.ledger,
	};
	const learner = facts.learner ? `${facts.learner.name ?? facts.learner.id}` : undefined;
	write(io, json, document, () =>
		renderStatement(account, { language, learner, reform: law.reform?.name }),
	);
}

/** `rugzak leerkrediet check`: the decision on a proposed registration, with tuition and surcharge. */
export function checkCommand(args: string[], io: Io): void {
	const extra = {
		credits: { type: "string" },
		programme: { type: "string" },
		contract: { type: "string" },
		date: { type: "string" },
		tariff: { type: "string" },
		"not-connecting": { type: "boolean" },
	} as const;
	const { values, facts, context, language, json } = setUp(args, io, extra);
	const institution = text(values, "institution") ?? latestInstitution(facts.facts);
	const request = {
		credits: required("credits", positiveInteger("credits", text(values, "credits"))),
		programmeKind: required(
			"programme",
			oneOf("programme", text(values, "programme"), choices.programmeKinds),
		),
		contract: required("contract", oneOf("contract", text(values, "contract"), choices.contracts)),
		date: required("date", isoDateOption("date", text(values, "date"))),
		tariff: oneOf("tariff", text(values, "tariff"), choices.tariffs) ?? "standard",
		institution: required("institution", institution),
		connecting: values["not-connecting"] === true ? false : undefined,
	};
	const decision = decideRegistration(facts.facts, request, context);
	write(io, json, { schemaVersion: 1, request, decision }, () =>
		renderDecision(decision, language),
	);
}

/** `rugzak leerkrediet what-if`: the same answers after hypothetical facts, with the real ones unchanged. */
export function whatIfCommand(args: string[], io: Io): void {
	const extra = { add: { type: "string" }, plan: { type: "string", multiple: true } } as const;
	const { values, facts, context, language, json } = setUp(args, io, extra);
	const hypothetical: Fact[] = [];
	const added = text(values, "add");
	if (added !== undefined) hypothetical.push(...readFacts(added).facts);
	const institution = text(values, "institution") ?? latestInstitution(facts.facts);
	const plans = values["plan"];
	for (const plan of Array.isArray(plans) ? plans : []) {
		hypothetical.push(...planYear(parsePlan(plan, institution), context.parameters));
	}
	if (hypothetical.length === 0)
		throw new UsageError("what-if needs --add FILE or at least one --plan");
	const answer = whatIf(facts.facts, hypothetical, context);
	write(io, json, { schemaVersion: 1, hypothetical, ...answer }, () =>
		renderWhatIf(answer, language),
	);
}

function parsePlan(text: string, institution: string | undefined) {
	const match = /^(\d{4}-\d{4}):(\d+):(\d+)$/.exec(text);
	const academicYear = match ? parseAcademicYear(match[1] as string) : undefined;
	if (
		!match ||
		academicYear === undefined ||
		Number(match[3]) > Number(match[2]) ||
		Number(match[2]) === 0
	) {
		throw new UsageError(
			`--plan must read YEAR:REGISTERED:PASSED with PASSED ≤ REGISTERED, e.g. 2020-2021:60:45, not ${text}`,
		);
	}
	if (institution === undefined)
		throw new UsageError("--institution is required when the facts have no enrolment");
	return {
		academicYear,
		institution,
		programmeKind: "bachelor" as const,
		contract: "diploma" as const,
		registered: Number(match[2]),
		passed: Number(match[3]),
	};
}

/** `rugzak leerkrediet …` */
export function leerkredietCommand(args: string[], io: Io): void {
	const [sub, ...rest] = args;
	switch (sub) {
		case "statement":
			statementCommand(rest, io);
			break;
		case "check":
			checkCommand(rest, io);
			break;
		case "what-if":
			whatIfCommand(rest, io);
			break;
		default:
			throw new UsageError(
				sub === undefined
					? leerkredietUsage
					: `unknown command leerkrediet ${sub}\n${leerkredietUsage}`,
			);
	}
}
