package dev.policypulse.classifier.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A head of state or government or a finance minister, from {@code officials.tsv}.
 *
 * @param code the jurisdiction
 * @param role what the office is
 * @param name the full name as usually written in English
 * @param surname the name used alone ("Sitharaman", "Xi")
 * @param from first day in office
 * @param to last day in office, {@code null} while in office
 */
record Official(String code, String role, String name, String surname, LocalDate from, LocalDate to) {

	/** Whether in office on {@code date}; any official is when the date is unknown. */
	boolean inOffice(LocalDate date) {
		if (date == null) {
			return true;
		}
		return !date.isBefore(this.from) && (this.to == null || !date.isAfter(this.to));
	}

	static List<Official> load() {
		List<Official> officials = new ArrayList<>();
		for (String[] row : Tsv.read("officials.tsv", 5)) {
			String surname = (row.length > 5 && !row[5].isEmpty()) ? row[5]
					: row[2].substring(row[2].lastIndexOf(' ') + 1);
			LocalDate to = (row[4].isEmpty() || "-".equals(row[4])) ? null : LocalDate.parse(row[4]);
			officials.add(new Official(row[0], row[1], row[2], surname, LocalDate.parse(row[3]), to));
		}
		return officials;
	}

}
