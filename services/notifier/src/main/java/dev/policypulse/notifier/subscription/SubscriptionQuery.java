package dev.policypulse.notifier.subscription;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The query of {@code GET /api/v1/subscriptions}.
 *
 * @param page the page number, from 0 (default 0)
 * @param size subscriptions per page, 1 to 100 (default 20)
 * @param email only the subscriptions of this address (case-insensitive)
 * @param status only subscriptions in these states (default: all)
 */
record SubscriptionQuery(@Min(0) @Max(1_000_000) Integer page, @Min(1) @Max(100) Integer size,
		@Size(max = 254) String email, List<@NotNull @Pattern(regexp = "pending|confirmed|unsubscribed",
				message = "must be one of pending, confirmed, unsubscribed") String> status) {

	SubscriptionQuery {
		page = (page != null) ? page : 0;
		size = (size != null) ? size : 20;
		email = (email != null && !email.isBlank()) ? email.strip() : null;
		status = (status != null) ? status : List.of();
	}

	Set<SubscriptionStatus> statuses() {
		if (this.status.isEmpty()) {
			return EnumSet.allOf(SubscriptionStatus.class);
		}
		Set<SubscriptionStatus> statuses = EnumSet.noneOf(SubscriptionStatus.class);
		this.status.forEach((code) -> statuses.add(SubscriptionStatus.fromCode(code)));
		return statuses;
	}

}
