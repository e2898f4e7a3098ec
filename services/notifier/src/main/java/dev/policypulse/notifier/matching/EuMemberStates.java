package dev.policypulse.notifier.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** The EU's member states, from {@code eu-member-states.txt}. */
final class EuMemberStates {

	private static final Set<String> MEMBERS = load();

	private EuMemberStates() {
	}

	/** Whether {@code code} is a member state or one of its subdivisions. */
	static boolean covers(String code) {
		return code.length() >= 2 && !"EU".equals(code) && MEMBERS.contains(code.substring(0, 2));
	}

	static Set<String> all() {
		return MEMBERS;
	}

	private static Set<String> load() {
		Set<String> members = new TreeSet<>();
		try (InputStream in = EuMemberStates.class.getResourceAsStream("eu-member-states.txt")) {
			if (in == null) {
				throw new IllegalStateException("eu-member-states.txt is missing");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String code = line.strip();
				if (!code.isEmpty() && !code.startsWith("#")) {
					if (!code.matches("[A-Z]{2}")) {
						throw new IllegalStateException("eu-member-states.txt: '" + code + "' is no country code");
					}
					members.add(code);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(members);
	}

}
