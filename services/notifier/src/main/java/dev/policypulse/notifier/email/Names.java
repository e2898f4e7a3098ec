package dev.policypulse.notifier.email;

import java.util.Locale;
import java.util.Map;

/** Human names for jurisdiction and topic codes. */
final class Names {

	private static final Map<String, String> TOPICS = Map.of("cbdc", "CBDC", "intl_org", "international organisations",
			"ban_restriction", "ban or restriction", "mining_energy", "mining and energy");

	private Names() {
	}

	/**
	 * {@code PK} → Pakistan, {@code EU} → European Union, {@code US-TX} → United States
	 * (US-TX).
	 */
	static String jurisdiction(String code) {
		if ("EU".equals(code)) {
			return "European Union";
		}
		int dash = code.indexOf('-');
		String country = country((dash > 0) ? code.substring(0, dash) : code);
		return (dash > 0) ? country + " (" + code + ")" : country;
	}

	/** {@code international_cooperation} → international cooperation. */
	static String topic(String code) {
		return TOPICS.getOrDefault(code, code.replace('_', ' '));
	}

	private static String country(String alpha2) {
		try {
			String name = new Locale.Builder().setRegion(alpha2).build().getDisplayCountry(Locale.ENGLISH);
			return name.isEmpty() ? alpha2 : name;
		}
		catch (RuntimeException ex) {
			return alpha2;
		}
	}

}
