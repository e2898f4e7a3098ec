package dev.policypulse.notifier.email;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailSenderTests {

	@Test
	void namesAStreamProviderThatJakartaMailFindsWithoutAClassPathScan() {
		String property = StreamProvider.class.getName();
		String before = System.clearProperty(property);
		try {
			EmailSender.nameStreamProvider();

			assertThat(System.getProperty(property)).isEqualTo(EmailSender.STREAM_PROVIDER);
			// fails if the implementation named cannot be loaded, for instance after a
			// rename
			assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(EmailSender.STREAM_PROVIDER);
		}
		finally {
			if (before != null) {
				System.setProperty(property, before);
			}
			else {
				System.clearProperty(property);
			}
		}
	}

	@Test
	void keepsAStreamProviderNamedElsewhere() {
		String property = StreamProvider.class.getName();
		String before = System.setProperty(property, "com.example.OtherStreamProvider");
		try {
			EmailSender.nameStreamProvider();

			assertThat(System.getProperty(property)).isEqualTo("com.example.OtherStreamProvider");
		}
		finally {
			if (before != null) {
				System.setProperty(property, before);
			}
			else {
				System.clearProperty(property);
			}
		}
	}

}
