package dev.policypulse.ingestion.source;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The sources defined in configuration, and whether the shipped public source list is
 * registered too. Configuration is authoritative for its sources: they are written to the
 * registry at every start-up, and a source removed from configuration is removed from the
 * registry.
 *
 * @param sources the sources to poll (default none)
 * @param publicSources the shipped list of public regulators, central banks and news
 * outlets
 */
@Validated
@ConfigurationProperties("policypulse.ingestion")
record SourceProperties(@Valid List<Definition> sources, @Valid PublicSources publicSources) {

	SourceProperties {
		sources = (sources != null) ? List.copyOf(sources) : List.of();
		publicSources = (publicSources != null) ? publicSources : new PublicSources(null);
	}

	@AssertTrue(message = "source ids must be unique")
	boolean isEachSourceIdUnique() {
		Set<String> ids = new HashSet<>();
		return this.sources.stream().allMatch((source) -> source.id() == null || ids.add(source.id()));
	}

	/**
	 * One source.
	 *
	 * @param id short, stable name: the {@code source} of its items and the
	 * {@code source} tag of its metrics
	 * @param type {@code feed} (the default) or {@code page}
	 * @param url the feed's or page's http(s) address
	 * @param itemSelector for pages, the CSS selector of the links to items
	 * @param pollInterval time between the end of one poll and the start of the next
	 * (default 5m)
	 * @param paused whether polling is paused (default false)
	 * @param allowPrivateNetwork whether the source may be on this machine or a private
	 * network (default false); only for trusted internal sources
	 */
	@PermittedSource
	record Definition(@NotBlank @Pattern(regexp = SourceRules.ID_REGEX) String id, SourceType type, @NotNull URI url,
			String itemSelector, Duration pollInterval, Boolean paused, Boolean allowPrivateNetwork) {

		Definition {
			type = (type != null) ? type : SourceType.FEED;
			pollInterval = (pollInterval != null) ? pollInterval : SourceRules.DEFAULT_POLL_INTERVAL;
			paused = (paused != null) ? paused : Boolean.FALSE;
			allowPrivateNetwork = (allowPrivateNetwork != null) ? allowPrivateNetwork : Boolean.FALSE;
			itemSelector = (itemSelector != null && !itemSelector.isBlank()) ? itemSelector.strip() : null;
		}

		Source toSource() {
			return new Source(this.id, this.type, this.url, this.itemSelector, this.pollInterval, this.paused,
					this.allowPrivateNetwork);
		}

	}

	/**
	 * The shipped public source list.
	 *
	 * @param enabled whether its sources are registered (default false)
	 */
	record PublicSources(Boolean enabled) {

		PublicSources {
			enabled = (enabled != null) ? enabled : Boolean.FALSE;
		}

	}

	/**
	 * Checks a configured source against the {@link SourceRules} that need more than one
	 * field or give a reason of their own, such as why an address is refused.
	 */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = PermittedSourceValidator.class)
	@interface PermittedSource {

		String message() default "is not a permitted source";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	/** Reports each broken rule on the field it concerns, with the rule's own reason. */
	static class PermittedSourceValidator implements ConstraintValidator<PermittedSource, Definition> {

		@Override
		public boolean isValid(Definition definition, ConstraintValidatorContext context) {
			context.disableDefaultConstraintViolation();
			boolean valid = report(context, "url", (definition.url() != null)
					? SourceRules.urlProblem(definition.url(), definition.allowPrivateNetwork()) : Optional.empty());
			valid &= report(context, "itemSelector",
					SourceRules.selectorProblem(definition.type(), definition.itemSelector()));
			// Configured sources may poll as often as their operator likes: tests and
			// internal feeds poll in milliseconds.
			valid &= report(context, "pollInterval",
					SourceRules.pollIntervalProblem(definition.pollInterval(), Duration.ofMillis(1)));
			return valid;
		}

		private static boolean report(ConstraintValidatorContext context, String field, Optional<String> problem) {
			problem.ifPresent((message) -> context.buildConstraintViolationWithTemplate(escape(message))
				.addPropertyNode(field)
				.addConstraintViolation());
			return problem.isEmpty();
		}

		/**
		 * Messages are templates; a reason quoting the input must not be interpolated.
		 */
		private static String escape(String message) {
			return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
		}

	}

}
