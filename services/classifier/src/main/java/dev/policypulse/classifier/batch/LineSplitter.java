package dev.policypulse.classifier.batch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} without decoding it, so that one badly
 * encoded or oversized line can be rejected on its own. A trailing {@code \r} is dropped.
 * Holds one line in memory at a time, at most {@code maxLineBytes} of it.
 */
final class LineSplitter {

	private final InputStream in;

	private final int maxLineBytes;

	private final byte[] chunk = new byte[64 * 1024];

	private int position;

	private int limit;

	private boolean endOfInput;

	private byte[] line = new byte[8 * 1024];

	private int length;

	private boolean truncated;

	private long number;

	LineSplitter(InputStream in, int maxLineBytes) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
	}

	/**
	 * Advances to the next line.
	 * @return {@code false} at the end of the input
	 * @throws IOException if reading fails
	 */
	boolean next() throws IOException {
		this.length = 0;
		this.truncated = false;
		boolean started = false;
		while (true) {
			if (this.position == this.limit && !fill()) {
				if (started) {
					this.number++;
					trimCarriageReturn();
				}
				return started;
			}
			started = true;
			int start = this.position;
			while (this.position < this.limit && this.chunk[this.position] != '\n') {
				this.position++;
			}
			append(start, this.position - start);
			if (this.position < this.limit) {
				this.position++;
				this.number++;
				trimCarriageReturn();
				return true;
			}
		}
	}

	/**
	 * The current line's bytes, valid up to {@link #length()} and until the next call.
	 */
	byte[] bytes() {
		return this.line;
	}

	int length() {
		return this.length;
	}

	/** One-based number of the current line. */
	long number() {
		return this.number;
	}

	/**
	 * Whether the current line was longer than the limit; its content is then partial.
	 */
	boolean truncated() {
		return this.truncated;
	}

	/** Whether the current line holds nothing but spaces and tabs. */
	boolean blank() {
		for (int i = 0; i < this.length; i++) {
			if (this.line[i] != ' ' && this.line[i] != '\t') {
				return false;
			}
		}
		return !this.truncated;
	}

	private boolean fill() throws IOException {
		if (this.endOfInput) {
			return false;
		}
		int read = this.in.read(this.chunk);
		if (read < 0) {
			this.endOfInput = true;
			return false;
		}
		this.position = 0;
		this.limit = read;
		return true;
	}

	private void append(int start, int count) {
		if (this.truncated || count == 0) {
			return;
		}
		if (this.length + count > this.maxLineBytes) {
			this.truncated = true;
			return;
		}
		if (this.length + count > this.line.length) {
			int size = Math.min(this.maxLineBytes, Math.max(this.line.length * 2, this.length + count));
			this.line = Arrays.copyOf(this.line, size);
		}
		System.arraycopy(this.chunk, start, this.line, this.length, count);
		this.length += count;
	}

	private void trimCarriageReturn() {
		if (this.length > 0 && this.line[this.length - 1] == '\r') {
			this.length--;
		}
	}

}
