package dev.policypulse.ingestion.publishing;

/**
 * Porter's stemming algorithm for English words (M.F. Porter, "An algorithm for suffix
 * stripping", 1980): takes inflectional and derivational endings off a lower-case word so
 * that "investment" and "invested", or "corporate" and "corporations", share a stem. The
 * stem need not be a word ("corpor"). Words with other letters than a to z are returned
 * as they are.
 */
final class Stemmer {

	private final char[] b;

	/** The end of the word: b[0..k]. */
	private int k;

	/** The end of the stem before the ending being looked at: b[0..j]. */
	private int j;

	private Stemmer(String word) {
		this.b = word.toCharArray();
		this.k = this.b.length - 1;
	}

	/**
	 * The stem of a word.
	 * @param word a lower-case word
	 * @return its stem
	 */
	static String stem(String word) {
		if (word.length() <= 2) {
			return word;
		}
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (c < 'a' || c > 'z') {
				return word;
			}
		}
		Stemmer stemmer = new Stemmer(word);
		stemmer.step1ab();
		if (stemmer.k > 0) {
			stemmer.step1c();
			stemmer.step2();
			stemmer.step3();
			stemmer.step4();
			stemmer.step5();
		}
		return new String(stemmer.b, 0, stemmer.k + 1);
	}

	/** Whether b[i] is a consonant: not a vowel, and not a "y" after a consonant. */
	private boolean consonant(int i) {
		return switch (this.b[i]) {
			case 'a', 'e', 'i', 'o', 'u' -> false;
			case 'y' -> i == 0 || !consonant(i - 1);
			default -> true;
		};
	}

	/**
	 * The measure of b[0..j]: how many vowel-consonant sequences it has (m in
	 * [C](VC)^m[V]).
	 */
	private int measure() {
		int n = 0;
		int i = 0;
		while (true) {
			if (i > this.j) {
				return n;
			}
			if (!consonant(i)) {
				break;
			}
			i++;
		}
		i++;
		while (true) {
			while (true) {
				if (i > this.j) {
					return n;
				}
				if (consonant(i)) {
					break;
				}
				i++;
			}
			i++;
			n++;
			while (true) {
				if (i > this.j) {
					return n;
				}
				if (!consonant(i)) {
					break;
				}
				i++;
			}
			i++;
		}
	}

	/** Whether b[0..j] contains a vowel. */
	private boolean vowelInStem() {
		for (int i = 0; i <= this.j; i++) {
			if (!consonant(i)) {
				return true;
			}
		}
		return false;
	}

	/** Whether b[i-1..i] is a double consonant. */
	private boolean doubleConsonant(int i) {
		return i >= 1 && this.b[i] == this.b[i - 1] && consonant(i);
	}

	/**
	 * Whether b[i-2..i] is consonant-vowel-consonant and the last consonant is not w, x
	 * or y: such stems take back a final e ("hop(e)", not "hopp").
	 */
	private boolean cvc(int i) {
		if (i < 2 || !consonant(i) || consonant(i - 1) || !consonant(i - 2)) {
			return false;
		}
		char c = this.b[i];
		return c != 'w' && c != 'x' && c != 'y';
	}

	/** Whether b[0..k] ends with {@code ending}; if so, j is set before it. */
	private boolean ends(String ending) {
		int length = ending.length();
		int offset = this.k - length + 1;
		if (offset < 0) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (this.b[offset + i] != ending.charAt(i)) {
				return false;
			}
		}
		this.j = this.k - length;
		return true;
	}

	/** Replaces b[j+1..k] by {@code replacement}. */
	private void setTo(String replacement) {
		int length = replacement.length();
		for (int i = 0; i < length; i++) {
			this.b[this.j + 1 + i] = replacement.charAt(i);
		}
		this.k = this.j + length;
	}

	/**
	 * Replaces the ending found by {@link #ends} if the stem before it has a measure > 0.
	 */
	private void replaceIfMeasured(String replacement) {
		if (measure() > 0) {
			setTo(replacement);
		}
	}

	/**
	 * Plurals and -ed or -ing: "caresses" caress, "ponies" poni, "agreed" agree,
	 * "hopping" hop.
	 */
	private void step1ab() {
		if (this.b[this.k] == 's') {
			if (ends("sses")) {
				this.k -= 2;
			}
			else if (ends("ies")) {
				setTo("i");
			}
			else if (this.b[this.k - 1] != 's') {
				this.k--;
			}
		}
		if (ends("eed")) {
			if (measure() > 0) {
				this.k--;
			}
		}
		else if ((ends("ed") || ends("ing")) && vowelInStem()) {
			this.k = this.j;
			if (ends("at")) {
				setTo("ate");
			}
			else if (ends("bl")) {
				setTo("ble");
			}
			else if (ends("iz")) {
				setTo("ize");
			}
			else if (doubleConsonant(this.k)) {
				char c = this.b[this.k];
				if (c != 'l' && c != 's' && c != 'z') {
					this.k--;
				}
			}
			else {
				this.j = this.k;
				if (measure() == 1 && cvc(this.k)) {
					setTo("e");
				}
			}
		}
	}

	/** A final y after a vowel becomes i: "happy" happi. */
	private void step1c() {
		if (ends("y") && vowelInStem()) {
			this.b[this.k] = 'i';
		}
	}

	/** Double endings to single ones: "relational" relate, "digitizer" digitize. */
	private void step2() {
		if (this.k == 0) {
			return;
		}
		switch (this.b[this.k - 1]) {
			case 'a' -> {
				if (ends("ational")) {
					replaceIfMeasured("ate");
				}
				else if (ends("tional")) {
					replaceIfMeasured("tion");
				}
			}
			case 'c' -> {
				if (ends("enci")) {
					replaceIfMeasured("ence");
				}
				else if (ends("anci")) {
					replaceIfMeasured("ance");
				}
			}
			case 'e' -> {
				if (ends("izer")) {
					replaceIfMeasured("ize");
				}
			}
			case 'l' -> {
				if (ends("bli")) {
					replaceIfMeasured("ble");
				}
				else if (ends("alli")) {
					replaceIfMeasured("al");
				}
				else if (ends("entli")) {
					replaceIfMeasured("ent");
				}
				else if (ends("eli")) {
					replaceIfMeasured("e");
				}
				else if (ends("ousli")) {
					replaceIfMeasured("ous");
				}
			}
			case 'o' -> {
				if (ends("ization")) {
					replaceIfMeasured("ize");
				}
				else if (ends("ation") || ends("ator")) {
					replaceIfMeasured("ate");
				}
			}
			case 's' -> {
				if (ends("alism")) {
					replaceIfMeasured("al");
				}
				else if (ends("iveness")) {
					replaceIfMeasured("ive");
				}
				else if (ends("fulness")) {
					replaceIfMeasured("ful");
				}
				else if (ends("ousness")) {
					replaceIfMeasured("ous");
				}
			}
			case 't' -> {
				if (ends("aliti")) {
					replaceIfMeasured("al");
				}
				else if (ends("iviti")) {
					replaceIfMeasured("ive");
				}
				else if (ends("biliti")) {
					replaceIfMeasured("ble");
				}
			}
			case 'g' -> {
				if (ends("logi")) {
					replaceIfMeasured("log");
				}
			}
			default -> {
			}
		}
	}

	/** -ic-, -full, -ness and the like: "electrical" electric, "goodness" good. */
	private void step3() {
		switch (this.b[this.k]) {
			case 'e' -> {
				if (ends("icate")) {
					replaceIfMeasured("ic");
				}
				else if (ends("ative")) {
					replaceIfMeasured("");
				}
				else if (ends("alize")) {
					replaceIfMeasured("al");
				}
			}
			case 'i' -> {
				if (ends("iciti")) {
					replaceIfMeasured("ic");
				}
			}
			case 'l' -> {
				if (ends("ical")) {
					replaceIfMeasured("ic");
				}
				else if (ends("ful")) {
					replaceIfMeasured("");
				}
			}
			case 's' -> {
				if (ends("ness")) {
					replaceIfMeasured("");
				}
			}
			default -> {
			}
		}
	}

	/** -ant, -ence and the like, from longer stems: "adjustment" adjust. */
	private void step4() {
		if (this.k == 0) {
			return;
		}
		boolean found = switch (this.b[this.k - 1]) {
			case 'a' -> ends("al");
			case 'c' -> ends("ance") || ends("ence");
			case 'e' -> ends("er");
			case 'i' -> ends("ic");
			case 'l' -> ends("able") || ends("ible");
			case 'n' -> ends("ant") || ends("ement") || ends("ment") || ends("ent");
			case 'o' -> (ends("ion") && this.j >= 0 && (this.b[this.j] == 's' || this.b[this.j] == 't')) || ends("ou");
			case 's' -> ends("ism");
			case 't' -> ends("ate") || ends("iti");
			case 'u' -> ends("ous");
			case 'v' -> ends("ive");
			case 'z' -> ends("ize");
			default -> false;
		};
		if (found && measure() > 1) {
			this.k = this.j;
		}
	}

	/** A final -e, and -ll after longer stems: "probate" probat, "controll" control. */
	private void step5() {
		this.j = this.k;
		if (this.b[this.k] == 'e') {
			int m = measure();
			if (m > 1 || (m == 1 && !cvc(this.k - 1))) {
				this.k--;
			}
		}
		if (this.b[this.k] == 'l' && doubleConsonant(this.k) && measure() > 1) {
			this.k--;
		}
	}

}
