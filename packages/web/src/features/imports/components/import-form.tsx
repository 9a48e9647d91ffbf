import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { type ImportAnswer, importFacts } from "../api/import-facts.ts";

/** Import a file of facts (NDJSON or CSV) with a progress bar and the rejected lines listed. */
export function ImportForm() {
	const { t } = useI18n();
	const input = useRef<HTMLInputElement>(null);
	const [progress, setProgress] = useState<number>();
	const [answer, setAnswer] = useState<ImportAnswer>();
	const [error, setError] = useState<unknown>();
	const [missing, setMissing] = useState(false);
	const submit = async (event: FormEvent) => {
		event.preventDefault();
		const file = input.current?.files?.[0];
		setMissing(file === undefined);
		if (file === undefined) return;
		setAnswer(undefined);
		setError(undefined);
		setProgress(0);
		try {
			setAnswer(await importFacts(file, setProgress));
		} catch (failure) {
			setError(failure);
		} finally {
			setProgress(undefined);
		}
	};
	const busy = progress !== undefined;
	return (
		<>
			<form onSubmit={(event) => void submit(event)} noValidate>
				<div className={missing ? "field field-invalid" : "field"}>
					<label htmlFor="import-file">{t("import.file")}</label>
					<span className="hint" id="import-file-hint">
						{t("import.hint")}
					</span>
					<input
						ref={input}
						id="import-file"
						name="file"
						type="file"
						accept=".ndjson,.jsonl,.csv,application/x-ndjson,text/csv"
						aria-invalid={missing || undefined}
						aria-describedby={missing ? "import-file-hint import-file-error" : "import-file-hint"}
						onChange={() => setMissing(false)}
					/>
					{missing && (
						<span className="field-error" id="import-file-error">
							{t("import.missing")}
						</span>
					)}
				</div>
				<button type="submit" disabled={busy}>
					{t("import.submit")}
				</button>
			</form>
			{busy && (
				<div className="progress" role="status">
					<label htmlFor="import-progress">
						{progress < 1 ? t("import.uploading") : t("import.processing")}
					</label>
					{progress < 1 ? (
						<progress id="import-progress" max={1} value={progress} />
					) : (
						<progress id="import-progress" />
					)}
				</div>
			)}
			<ErrorAlert error={error} />
			{answer && <ImportResult answer={answer} />}
		</>
	);
}

function ImportResult({ answer }: { readonly answer: ImportAnswer }) {
	const { t } = useI18n();
	return (
		<section aria-labelledby="import-result-heading" className="card">
			<h2 id="import-result-heading">{t("import.result")}</h2>
			<p role="status">
				{t("import.summary", {
					facts: answer.facts,
					learners: answer.learners,
					rejected: answer.rejected.length,
				})}
			</p>
			{answer.rejected.length > 0 && (
				<table>
					<caption>{t("import.rejected")}</caption>
					<thead>
						<tr>
							<th scope="col" className="number">
								{t("import.line")}
							</th>
							<th scope="col">{t("import.reason")}</th>
						</tr>
					</thead>
					<tbody>
						{answer.rejected.map((rejected) => (
							<tr key={rejected.line}>
								<th scope="row" className="number">
									{rejected.line}
								</th>
								<td>{rejected.reason}</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</section>
	);
}
