package dev.policypulse.notifier.email;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How connections to the SMTP server are reused. Each sending thread holds one connection
 * at a time, so there are never more open than emails sent in parallel.
 *
 * @param maxIdle a connection unused for longer is closed rather than reused (default
 * 30s), before the server drops it itself
 * @param maxMessages emails sent over one connection before it is closed and a new one
 * opened (default 100), as many servers limit messages per connection
 */
@Validated
@ConfigurationProperties("policypulse.notifier.mail.connections")
public record SmtpConnectionProperties(@NotNull @DurationMin(millis = 1) Duration maxIdle,
		@Min(1) Integer maxMessages) {

	public SmtpConnectionProperties {
		maxIdle = (maxIdle != null) ? maxIdle : Duration.ofSeconds(30);
		maxMessages = (maxMessages != null) ? maxMessages : 100;
	}

}
