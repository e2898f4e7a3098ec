package dev.policypulse.notifier.matching;

import java.util.Arrays;

/**
 * A sorted set of slot numbers in a growable array. Slots are handed out in increasing
 * order, so adding is almost always an append; removing shifts the tail. A large set also
 * keeps a bit per slot, so that marking its members costs a pass over words rather than
 * one step per member.
 */
final class SlotList {

	/** Members from which a set also keeps bits. */
	private static final int DENSE = 512;

	private int[] slots = new int[4];

	private int size;

	private long[] bits;

	void add(int slot) {
		if (this.size == this.slots.length) {
			this.slots = Arrays.copyOf(this.slots, this.size + (this.size >> 1) + 1);
		}
		if (this.size == 0 || this.slots[this.size - 1] < slot) {
			this.slots[this.size++] = slot;
		}
		else {
			int at = Arrays.binarySearch(this.slots, 0, this.size, slot);
			if (at >= 0) {
				return;
			}
			int insert = -at - 1;
			System.arraycopy(this.slots, insert, this.slots, insert + 1, this.size - insert);
			this.slots[insert] = slot;
			this.size++;
		}
		if (this.bits != null) {
			setBit(slot);
		}
		else if (this.size >= DENSE) {
			this.bits = new long[0];
			for (int i = 0; i < this.size; i++) {
				setBit(this.slots[i]);
			}
		}
	}

	void remove(int slot) {
		int at = Arrays.binarySearch(this.slots, 0, this.size, slot);
		if (at < 0) {
			return;
		}
		System.arraycopy(this.slots, at + 1, this.slots, at, this.size - at - 1);
		this.size--;
		if (this.bits != null) {
			this.bits[slot >>> 6] &= ~(1L << slot);
			if (this.size < DENSE / 2) {
				this.bits = null;
			}
		}
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/**
	 * Sets the bit of every slot in {@code target}, which must be long enough for all.
	 */
	void markIn(long[] target) {
		if (this.bits != null) {
			long[] own = this.bits;
			int words = Math.min(own.length, target.length);
			for (int i = 0; i < words; i++) {
				target[i] |= own[i];
			}
			return;
		}
		for (int i = 0; i < this.size; i++) {
			int slot = this.slots[i];
			target[slot >>> 6] |= 1L << slot;
		}
	}

	private void setBit(int slot) {
		int word = slot >>> 6;
		if (word >= this.bits.length) {
			this.bits = Arrays.copyOf(this.bits, Math.max(word + 1, this.bits.length + (this.bits.length >> 1)));
		}
		this.bits[word] |= 1L << slot;
	}

}
