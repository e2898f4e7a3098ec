package dev.policypulse.notifier.email;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How emails are sent; the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from the sender address (default {@code alerts@policypulse.local})
 */
@Validated
@ConfigurationProperties("policypulse.notifier.mail")
record EmailProperties(@NotBlank @Email String from) {

	EmailProperties {
		from = (from != null) ? from : "alerts@policypulse.local";
	}

}
