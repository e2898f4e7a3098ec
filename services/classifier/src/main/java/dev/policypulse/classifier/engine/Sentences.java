package dev.policypulse.classifier.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A body's sentences and how much topic evidence in each counts. News puts the move in
 * the opening sentences and the history behind it further down; a sentence that reads as
 * background ("had banned … in 2019", "earlier this year") counts least, whatever its
 * place.
 */
final class Sentences {

	/** Weight of evidence in a sentence with a background cue. */
	static final double BACKGROUND = 0.35;

	private final int[] starts;

	private final boolean[] background;

	private Sentences(int[] starts, boolean[] background) {
		this.starts = starts;
		this.background = background;
	}

	/**
	 * Splits a body into sentences.
	 * @param body the plain-text body
	 * @param backgroundCues hits of the {@code background} cues in the body
	 * @return its sentences
	 */
	static Sentences of(String body, List<PhraseRules.Hit> backgroundCues) {
		List<Integer> starts = new ArrayList<>();
		starts.add(0);
		int length = body.length();
		int at = 0;
		while (at < length) {
			if (!Character.isWhitespace(body.charAt(at))) {
				at++;
				continue;
			}
			boolean ends = endsSentence(body, at);
			int next = at;
			while (next < length && Character.isWhitespace(body.charAt(next))) {
				ends |= body.charAt(next) == '\n';
				next++;
			}
			if (ends && next < length) {
				starts.add(next);
			}
			at = next;
		}
		int[] array = starts.stream().mapToInt(Integer::intValue).toArray();
		double[] cues = new double[array.length];
		for (PhraseRules.Hit cue : backgroundCues) {
			if (!cue.inTitle()) {
				cues[index(array, cue.start())] += cue.rule().weight();
			}
		}
		boolean[] background = new boolean[array.length];
		for (int i = 0; i < array.length; i++) {
			// Negative cues take a sentence back: "the agency said the firm had failed to
			// register" reports the finding itself.
			background[i] = cues[i] > 0;
		}
		return new Sentences(array, background);
	}

	/**
	 * Where the first sentence ends.
	 * @return the offset after it
	 */
	int firstEnd() {
		return (this.starts.length > 1) ? this.starts[1] : Integer.MAX_VALUE;
	}

	/**
	 * Where a number of opening sentences ends.
	 * @param count how many sentences
	 * @return the offset after them
	 */
	int end(int count) {
		return (this.starts.length > count) ? this.starts[count] : Integer.MAX_VALUE;
	}

	/**
	 * How much evidence at a body offset counts.
	 * @param offset the offset into the body
	 * @return the weight
	 */
	double weight(int offset) {
		return this.background[index(this.starts, offset)] ? BACKGROUND : 1.0;
	}

	/**
	 * Whether the white space at {@code at} follows the end of a sentence: {@code . ! ?}
	 * after a word of two or more letters or digits, or before a closing quote or
	 * bracket, so that "U.S." and "No. 4" do not end one.
	 */
	private static boolean endsSentence(String body, int at) {
		if (at < 2) {
			return false;
		}
		char last = body.charAt(at - 1);
		if (isEnd(last)) {
			return at >= 3 && Character.isLetterOrDigit(body.charAt(at - 2))
					&& Character.isLetterOrDigit(body.charAt(at - 3));
		}
		return (last == '"' || last == '”' || last == '’' || last == ')') && isEnd(body.charAt(at - 2));
	}

	private static boolean isEnd(char c) {
		return c == '.' || c == '!' || c == '?';
	}

	private static int index(int[] starts, int offset) {
		int low = 0;
		int high = starts.length - 1;
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (starts[mid] <= offset) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		return low;
	}

}
