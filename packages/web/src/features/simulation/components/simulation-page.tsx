import { useEffect, useRef, useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { useResource } from "../../../lib/use-resource.ts";
import {
	fetchReforms,
	followSimulation,
	type ReformsAnswer,
	type SimulationJob,
	startSimulation,
	uploadPopulation,
} from "../api/simulations.ts";
import { SimulationForm } from "./simulation-form.tsx";
import { type SimulationValues, simulationRequest } from "./simulation-request.ts";
import { SimulationResult } from "./simulation-result.tsx";

/** Where a run stands: sending the file, simulating (queued or running), or finished. */
type Stage =
	| { readonly name: "idle" }
	| { readonly name: "uploading"; readonly sent: number }
	| { readonly name: "simulating"; readonly job: SimulationJob | undefined }
	| { readonly name: "finished"; readonly job: SimulationJob };

/** The agency's page: what a reform does to every learner of a population. */
export function SimulationPage() {
	const { t } = useI18n();
	const reforms = useResource("reforms", fetchReforms);
	return (
		<>
			<h1 tabIndex={-1}>{t("simulation.title")}</h1>
			<p>{t("simulation.intro")}</p>
			{reforms.loading && <Loading />}
			<ErrorAlert error={reforms.error} />
			{reforms.data && <SimulationRun reforms={reforms.data} />}
		</>
	);
}

function SimulationRun({ reforms }: { readonly reforms: ReformsAnswer }) {
	const { t } = useI18n();
	const [stage, setStage] = useState<Stage>({ name: "idle" });
	const [error, setError] = useState<unknown>();
	const running = useRef<AbortController>(undefined);
	useEffect(() => () => running.current?.abort(), []);
	const run = async (values: SimulationValues, file: File | undefined) => {
		running.current?.abort();
		const controller = new AbortController();
		running.current = controller;
		setError(undefined);
		try {
			const population =
				file === undefined
					? "demo"
					: await uploadPopulation(file, (sent) => setStage({ name: "uploading", sent }));
			setStage({ name: "simulating", job: undefined });
			const started = await startSimulation(
				simulationRequest(values, reforms.parameters, population),
			);
			const update = (job: SimulationJob) => setStage({ name: "simulating", job });
			update(started);
			const job = await followSimulation(started, update, controller.signal);
			setStage({ name: "finished", job });
		} catch (failure) {
			if (controller.signal.aborted) return;
			setError(failure);
			setStage({ name: "idle" });
		}
	};
	const busy = stage.name === "uploading" || stage.name === "simulating";
	return (
		<>
			<section aria-labelledby="simulation-form-heading" className="card">
				<h2 id="simulation-form-heading">{t("simulation.choose")}</h2>
				<SimulationForm
					reforms={reforms}
					busy={busy}
					error={error}
					onRun={(values, file) => void run(values, file)}
				/>
				<Progress stage={stage} />
			</section>
			{stage.name === "finished" && <Finished job={stage.job} />}
		</>
	);
}

/** The progress bar while the file is sent and the simulation runs, with its value for assistive technology. */
function Progress({ stage }: { readonly stage: Stage }) {
	const { t } = useI18n();
	if (stage.name !== "uploading" && stage.name !== "simulating") return null;
	const share = stage.name === "uploading" ? stage.sent : (stage.job?.progress ?? 0);
	const percent = Math.round(share * 100);
	const label =
		stage.name === "uploading"
			? t("simulation.uploading")
			: stage.job?.status === "running"
				? t("simulation.running")
				: t("simulation.queued");
	return (
		<div className="progress">
			<label htmlFor="simulation-progress">{label}</label>
			<progress
				id="simulation-progress"
				max={100}
				value={percent}
				aria-valuetext={t("simulation.percent", { percent })}
			/>
		</div>
	);
}

function Finished({ job }: { readonly job: SimulationJob }) {
	const { t } = useI18n();
	if (job.result !== null) return <SimulationResult job={job} result={job.result} />;
	return (
		<div className="alert" role="alert">
			<p>{t("simulation.failed")}</p>
			<p>{job.problem?.detail}</p>
		</div>
	);
}
