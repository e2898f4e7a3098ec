package dev.policypulse.notifier.matching;

import java.util.BitSet;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotListTests {

	@Test
	void marksExactlyItsMembersWhetherSmallOrLarge() {
		Random random = new Random(7);
		SlotList list = new SlotList();
		TreeSet<Integer> expected = new TreeSet<>();
		// grows past the size from which it keeps bits, then shrinks below half of it
		for (int slot = 0; slot < 5000; slot += 1 + random.nextInt(4)) {
			list.add(slot);
			expected.add(slot);
		}
		assertThat(marked(list)).isEqualTo(bits(expected));
		list.add(3);
		list.add(2);
		expected.add(3);
		expected.add(2);
		assertThat(marked(list)).isEqualTo(bits(expected));
		for (Integer slot : new TreeSet<>(expected)) {
			if (expected.size() > 100 && random.nextInt(10) > 0) {
				list.remove(slot);
				expected.remove(slot);
				if (expected.size() % 97 == 0) {
					assertThat(marked(list)).isEqualTo(bits(expected));
				}
			}
		}
		assertThat(marked(list)).isEqualTo(bits(expected));
		assertThat(list.isEmpty()).isFalse();
	}

	private static BitSet marked(SlotList list) {
		long[] target = new long[(5100 + 63) / 64];
		list.markIn(target);
		return BitSet.valueOf(target);
	}

	private static BitSet bits(TreeSet<Integer> slots) {
		BitSet bits = new BitSet();
		slots.forEach(bits::set);
		return bits;
	}

}
