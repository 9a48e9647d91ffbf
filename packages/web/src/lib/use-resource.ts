import { useCallback, useEffect, useState } from "react";

export interface Resource<TData> {
	readonly data: TData | undefined;
	readonly error: unknown;
	readonly loading: boolean;
	readonly reload: () => void;
}

/** Loads data when `key` changes (and on `reload`), dropping answers that arrive after a newer request. */
export function useResource<TData>(
	key: string,
	load: (signal: AbortSignal) => Promise<TData>,
): Resource<TData> {
	const [data, setData] = useState<TData>();
	const [error, setError] = useState<unknown>();
	const [loading, setLoading] = useState(true);
	const [round, setRound] = useState(0);
	// biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` fetches, so a new closure alone need not refetch.
	useEffect(() => {
		const controller = new AbortController();
		setLoading(true);
		setError(undefined);
		load(controller.signal).then(
			(answer) => {
				if (controller.signal.aborted) return;
				setData(answer);
				setLoading(false);
			},
			(failure: unknown) => {
				if (controller.signal.aborted) return;
				setError(failure);
				setLoading(false);
			},
		);
		return () => controller.abort();
	}, [key, round]);
	const reload = useCallback(() => setRound((value) => value + 1), []);
	return { data, error, loading, reload };
}
