package dev.policypulse.notifier.subscription;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import dev.policypulse.contracts.Severity;

import org.springframework.ui.Model;

/**
 * What the preference page template shows: the subscriber's choices in words, the form,
 * and the options to choose from. Everything is plain text here; the template escapes it.
 */
final class PreferencesPage {

	static final String VIEW = "preferences/preferences";

	static final String CANCELLED_VIEW = "preferences/cancelled";

	/** The notices a redirect after a change may ask for; anything else shows none. */
	private static final Map<String, String> NOTICES = Map.of("saved", "Your preferences are saved.", "paused",
			"Alerts are paused. Resume them here whenever you like.", "resumed", "Alerts are on again.");

	private static final List<String> ZONE_AREAS = List.of("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/",
			"Australia/", "Europe/", "Indian/", "Pacific/");

	/** Time zones to suggest: the IANA "Area/Location" ones, and UTC. */
	private static final List<String> ZONES = zones();

	private static final List<String> SEVERITIES = List.of(Severity.values())
		.stream()
		.map(SubscriptionRepository::code)
		.toList();

	private static final List<Option> DELIVERIES = List.of(
			new Option(Subscription.IMMEDIATE, "an email per story, at once"),
			new Option(Subscription.DAILY, "a daily digest"), new Option(Subscription.WEEKLY, "a weekly digest"));

	private static final List<Option> HOURS = IntStream.range(0, 24)
		.mapToObj((hour) -> new Option(Integer.toString(hour), String.format(Locale.ROOT, "%02d:00", hour)))
		.toList();

	private PreferencesPage() {
	}

	/**
	 * A choice of a drop-down list.
	 *
	 * @param value what the form posts
	 * @param label what the subscriber reads
	 */
	record Option(String value, String label) {
	}

	/**
	 * Fills the model of the page.
	 * @param subscription the subscription as stored
	 * @param form the form's values: the stored ones, or those just posted
	 * @param errors what is wrong with posted values
	 * @param notice a key of {@link #NOTICES}, or {@code null}
	 */
	static void fill(Model model, String token, Subscription subscription, PreferencesForm form, List<String> errors,
			String notice) {
		model.addAttribute("token", token);
		model.addAttribute("email", subscription.email());
		model.addAttribute("state", state(subscription));
		model.addAttribute("paused", subscription.preferences().paused());
		model.addAttribute("following", following(subscription.preferences()));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("notice", (notice != null) ? NOTICES.get(notice) : null);
		model.addAttribute("topics", TopicLabels.all());
		model.addAttribute("severities", SEVERITIES);
		model.addAttribute("deliveries", DELIVERIES);
		model.addAttribute("hours", HOURS);
		model.addAttribute("zones", ZONES);
	}

	private static String state(Subscription subscription) {
		if (subscription.status() == SubscriptionStatus.PENDING) {
			return "waiting for you to confirm the address (see the confirmation email)";
		}
		return subscription.preferences().paused() ? "paused" : "on";
	}

	/** The subscriber's choices, one sentence each. */
	static List<String> following(Preferences preferences) {
		List<String> lines = new ArrayList<>();
		if (preferences.jurisdictions().isEmpty()) {
			lines.add("Every jurisdiction.");
		}
		else {
			lines.add(String.join(", ",
					preferences.jurisdictions().stream().map((code) -> jurisdiction(code, preferences)).toList())
					+ ", when it acts or is the other party to a move.");
		}
		lines.add(preferences.topics().isEmpty() ? "Every kind of move."
				: "Only " + String.join(", ", preferences.topics().stream().map(TopicLabels::label).toList()) + ".");
		if (preferences.minSeverity() != Severity.LOW) {
			lines.add("Only items of " + SubscriptionRepository.code(preferences.minSeverity()) + " severity or more.");
		}
		lines.add(preferences.policyMovesOnly() ? "Only policy moves."
				: "Also items that are no policy move, such as market news, when they match.");
		if (!preferences.keywords().isEmpty()) {
			lines.add("Only items that mention " + String.join(" or ", preferences.keywords()) + ".");
		}
		lines.add(delivery(preferences));
		return lines;
	}

	private static String jurisdiction(String code, Preferences preferences) {
		if ("EU".equals(code)) {
			return preferences.includeEuMemberStates() ? "the European Union and its member states"
					: "the European Union";
		}
		String country = new Locale.Builder().setRegion(code.substring(0, 2)).build().getDisplayCountry(Locale.ENGLISH);
		if (code.length() == 2) {
			return country.isEmpty() ? code : country + " and its states and provinces";
		}
		return (country.isEmpty() ? code.substring(0, 2) : country) + " (" + code + ")";
	}

	private static String delivery(Preferences preferences) {
		String at = String.format(Locale.ROOT, "%02d:00", preferences.digestHour()) + " "
				+ preferences.timezone().getId() + " time";
		return switch (preferences.delivery()) {
			case Subscription.DAILY -> "A digest every day at " + at + ".";
			case Subscription.WEEKLY -> "A digest every week at " + at + ".";
			default -> "An email about each story as soon as it is classified.";
		};
	}

	private static List<String> zones() {
		List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds()
			.stream()
			.filter((zone) -> ZONE_AREAS.stream().anyMatch(zone::startsWith))
			.sorted()
			.toList());
		zones.add(0, "UTC");
		return List.copyOf(zones);
	}

}
