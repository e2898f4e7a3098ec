package dev.policypulse.notifier.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EuMemberStatesTests {

	@Test
	void listsTheTwentySevenMemberStatesByTheirIsoCodes() {
		assertThat(EuMemberStates.all()).hasSize(27).contains("GR", "HR", "IE", "CY").doesNotContain("EL", "GB", "CH");
	}

	@Test
	void coversMemberStatesAndTheirSubdivisionsButNotTheUnionItself() {
		assertThat(EuMemberStates.covers("DE")).isTrue();
		assertThat(EuMemberStates.covers("DE-BY")).isTrue();
		assertThat(EuMemberStates.covers("EU")).isFalse();
		assertThat(EuMemberStates.covers("NO")).isFalse();
		assertThat(EuMemberStates.covers("US-TX")).isFalse();
	}

}
