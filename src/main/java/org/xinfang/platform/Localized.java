package org.xinfang.platform;

import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Picks the Chinese or English form of a name kept as data (dictionaries, period rules): Chinese for a
 * Chinese request, English otherwise. Texts of the interface itself live in the message bundles.
 */
public final class Localized {

	private Localized() {
	}

	public static boolean chinese() {
		return Locale.CHINESE.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
	}

	public static String pick(String zh, String en) {
		return chinese() || en == null || en.isBlank() ? zh : en;
	}
}
