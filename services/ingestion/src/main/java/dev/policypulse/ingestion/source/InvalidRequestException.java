package dev.policypulse.ingestion.source;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request to the source API breaks one or more rules; answered {@code 400} with every
 * wrong field.
 */
class InvalidRequestException extends RuntimeException {

	private final String title;

	private final List<FieldProblem> problems;

	/**
	 * @param subject what is invalid, such as {@code source}
	 * @param problems what is wrong, field by field
	 */
	InvalidRequestException(String subject, List<FieldProblem> problems) {
		super(problems.stream()
			.map((problem) -> problem.field() + ": " + problem.message())
			.collect(Collectors.joining("; ", "Invalid " + subject + ": ", ".")));
		this.title = "Invalid " + subject;
		this.problems = List.copyOf(problems);
	}

	String title() {
		return this.title;
	}

	List<FieldProblem> problems() {
		return this.problems;
	}

}
