package dev.policypulse.classifier.classification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClassificationMetricsTests {

	@Test
	void tagsMovesByCountrySoTheTagStaysSmall() {
		assertThat(ClassificationMetrics.country("PK")).isEqualTo("PK");
		assertThat(ClassificationMetrics.country("US-TX")).isEqualTo("US");
		assertThat(ClassificationMetrics.country("AE-DU")).isEqualTo("AE");
		assertThat(ClassificationMetrics.country("EU")).isEqualTo("EU");
		assertThat(ClassificationMetrics.country(null)).isEqualTo("none");
		assertThat(ClassificationMetrics.country("Pakistan")).isEqualTo("other");
	}

}
