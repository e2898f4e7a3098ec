package dev.policypulse.notifier.email;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailSenderTests {

	@Test
	void namesAStreamProviderThatJakartaMailFindsWithoutAClassPathScan() {
		EmailSender.nameStreamProvider();

		assertThat(System.getProperty(StreamProvider.class.getName())).isEqualTo(EmailSender.STREAM_PROVIDER);
		// fails if the implementation named cannot be loaded, for instance after a rename
		assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(EmailSender.STREAM_PROVIDER);
	}

}
