package dev.policypulse.ingestion.item;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What became of the items of a batch.
 *
 * @param results one per item, in the order the items were sent
 * @param totals the results counted by status
 */
record BatchResult(List<ItemResult> results, Totals totals) {

	static BatchResult of(List<ItemResult> results) {
		return new BatchResult(List.copyOf(results), Totals.of(results));
	}

	/** Whether every item was accepted, known already, or refused as invalid. */
	boolean complete() {
		return this.totals.failed() == 0;
	}

	/** What became of one item. */
	enum Status {

		/** The broker has the item now. */
		ACCEPTED,

		/** The item was published before; nothing was sent. */
		DUPLICATE,

		/** The item is not valid; sending it again will not help. */
		INVALID,

		/** The item was not handed to the broker; send it again later. */
		FAILED;

		@JsonValue
		String json() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * The result for one item.
	 *
	 * @param index the item's position in the batch, from 0
	 * @param status what became of it
	 * @param id the item's id; absent if the item is invalid or was not attempted
	 * @param problem what went wrong, for {@code invalid} and {@code failed} items
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ItemResult(int index, Status status, String id, ProblemDetail problem) {

		static ItemResult accepted(int index, String id) {
			return new ItemResult(index, Status.ACCEPTED, id, null);
		}

		static ItemResult duplicate(int index, String id) {
			return new ItemResult(index, Status.DUPLICATE, id, null);
		}

		static ItemResult invalid(int index, String detail) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
			problem.setTitle("Invalid item");
			return new ItemResult(index, Status.INVALID, null, problem);
		}

		static ItemResult failed(int index, String id, String detail) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
			problem.setTitle("Item not accepted yet");
			return new ItemResult(index, Status.FAILED, id, problem);
		}

	}

	/**
	 * The results of a batch counted by status.
	 *
	 * @param received items in the batch
	 * @param accepted items the broker has now
	 * @param duplicate items published before
	 * @param invalid items refused as invalid
	 * @param failed items not handed to the broker, to send again later
	 */
	record Totals(int received, int accepted, int duplicate, int invalid, int failed) {

		static Totals of(List<ItemResult> results) {
			int[] counts = new int[Status.values().length];
			results.forEach((result) -> counts[result.status().ordinal()]++);
			return new Totals(results.size(), counts[Status.ACCEPTED.ordinal()], counts[Status.DUPLICATE.ordinal()],
					counts[Status.INVALID.ordinal()], counts[Status.FAILED.ordinal()]);
		}

	}

}
