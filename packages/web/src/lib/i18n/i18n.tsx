import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { dictionaries, type Language, type MessageKey, translate } from "./dictionaries.ts";

export interface I18n {
	readonly language: Language;
	readonly setLanguage: (language: Language) => void;
	/** The message in the current language, with `{name}` placeholders filled in. */
	readonly t: (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);
const storageKey = "rugzak.language";

function initialLanguage(): Language {
	try {
		const stored = localStorage.getItem(storageKey);
		if (stored === "nl" || stored === "en") return stored;
	} catch {
		// No storage: fall through to the default.
	}
	return "nl";
}

/** Provides the language, keeps `<html lang>` in step with it and remembers the choice. */
export function I18nProvider({ children }: { readonly children: ReactNode }) {
	const [language, setLanguage] = useState<Language>(initialLanguage);
	useEffect(() => {
		document.documentElement.lang = language;
		try {
			localStorage.setItem(storageKey, language);
		} catch {
			// The choice then lasts for this page only.
		}
	}, [language]);
	const value = useMemo<I18n>(
		() => ({
			language,
			setLanguage,
			t: (key, values) => translate(dictionaries[language], key, values),
		}),
		[language],
	);
	return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
	const i18n = useContext(I18nContext);
	if (i18n === undefined) throw new Error("useI18n needs an I18nProvider above it");
	return i18n;
}
