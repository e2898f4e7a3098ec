package dev.policypulse.operations;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to tell which metrics an expression reads: the names of its vector
 * selectors, without functions, keywords, label names, label values, durations or Grafana
 * variables.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*\\}");

	private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");

	private static final Pattern LABEL_LIST = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);

	/**
	 * An identifier that does not continue a number, a duration or a variable, and that
	 * is not a function (followed by a parenthesis). Possessive, so that {@code rate(}
	 * cannot match as {@code rat}.
	 */
	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "bool", "offset", "atan2", "inf", "nan");

	private PromQl() {
	}

	/** The metric names {@code expr} selects, in alphabetical order. */
	static Set<String> metricNames(String expr) {
		String stripped = STRING.matcher(expr).replaceAll(" \"\" ");
		stripped = LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = RANGE.matcher(stripped).replaceAll(" ");
		stripped = LABEL_LIST.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(stripped);
		while (identifier.find()) {
			String name = identifier.group();
			if (!KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * The PromQL of a Grafana template variable's query: the selector of
	 * {@code label_values(selector, label)}, or the query itself.
	 */
	static String variableQuery(String query) {
		Matcher labelValues = Pattern.compile("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$", Pattern.DOTALL)
			.matcher(query);
		return labelValues.matches() ? labelValues.group(1) : query;
	}

}
