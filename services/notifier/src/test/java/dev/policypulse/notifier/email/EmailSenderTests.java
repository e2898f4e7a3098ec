package dev.policypulse.notifier.email;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailSenderTests {

	private static final String PROPERTY = StreamProvider.class.getName();

	private String before;

	@BeforeEach
	void clearTheProperty() {
		this.before = System.clearProperty(PROPERTY);
	}

	@AfterEach
	void restoreTheProperty() {
		if (this.before != null) {
			System.setProperty(PROPERTY, this.before);
		}
		else {
			System.clearProperty(PROPERTY);
		}
	}

	@Test
	void namesAStreamProviderThatJakartaMailFindsWithoutAClassPathScan() {
		EmailSender.nameStreamProvider();

		assertThat(System.getProperty(PROPERTY)).isEqualTo(EmailSender.STREAM_PROVIDER);
		// fails if the implementation named cannot be loaded, for instance after a rename
		assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(EmailSender.STREAM_PROVIDER);
	}

	@Test
	void keepsAStreamProviderNamedElsewhere() {
		System.setProperty(PROPERTY, "com.example.OtherStreamProvider");

		EmailSender.nameStreamProvider();

		assertThat(System.getProperty(PROPERTY)).isEqualTo("com.example.OtherStreamProvider");
	}

}
