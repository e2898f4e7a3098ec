package dev.policypulse.notifier.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.email.DigestContent;
import dev.policypulse.notifier.email.DigestEmails;
import dev.policypulse.notifier.email.DigestEntry;
import dev.policypulse.notifier.email.EmailLinks;
import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.email.RenderedEmail;
import dev.policypulse.notifier.subscription.Subscription;
import dev.policypulse.notifier.subscription.SubscriptionLinks;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Composes one subscription's digest for one period, in one transaction: claims the
 * period, takes the items recorded up to its due time, leaves out those whose story the
 * address already has (from an alert, or another of its digests) unless the subscriber
 * asked for them to be repeated, and hands the email to the outbox
 * ({@link DigestComposed}). A period whose every item had already reached the address
 * gets no email. Items recorded while a digest is composed, or after its due time, wait
 * for the next one.
 */
@Service
class DigestComposer {

	private static final Log logger = LogFactory.getLog(DigestComposer.class);

	/** What became of a period. */
	enum Outcome {

		/** The digest went into the outbox. */
		COMPOSED,

		/** Every item had already reached the address; no email. */
		NOTHING_NEW,

		/** The period's digest was composed before (by this instance or another). */
		ALREADY_COMPOSED

	}

	private final DigestRepository repository;

	private final DigestEmails emails;

	private final SubscriptionLinks links;

	private final JsonMapper jsonMapper;

	private final ApplicationEventPublisher events;

	private final DigestProperties properties;

	private final MeterRegistry meterRegistry;

	DigestComposer(DigestRepository repository, DigestEmails emails, SubscriptionLinks links, JsonMapper jsonMapper,
			ApplicationEventPublisher events, DigestProperties properties, MeterRegistry meterRegistry) {
		this.repository = repository;
		this.emails = emails;
		this.links = links;
		this.jsonMapper = jsonMapper;
		this.events = events;
		this.properties = properties;
		this.meterRegistry = meterRegistry;
	}

	@Transactional
	Outcome compose(Subscription subscription, DigestPeriod period, Instant now) {
		Long digestId = this.repository.start(subscription.id(), period, now).orElse(null);
		if (digestId == null) {
			return Outcome.ALREADY_COMPOSED;
		}
		List<Long> told = new ArrayList<>();
		List<Long> unreadable = new ArrayList<>();
		List<Fresh> fresh = new ArrayList<>();
		for (DigestRepository.Pending pending : this.repository.pending(subscription.id(), subscription.email(),
				period.dueAt())) {
			if (pending.told() && !subscription.preferences().digestRepeats()) {
				told.add(pending.id());
				continue;
			}
			try {
				fresh.add(new Fresh(pending.id(), fresh.size(),
						new DigestEntry(this.jsonMapper.readValue(pending.item(), PolicyItemClassified.class),
								this.jsonMapper.readValue(pending.rules(), MatchedRules.class))));
			}
			catch (JacksonException | IllegalArgumentException ex) {
				// one unreadable item must not hold back the others forever
				logger.warn("Leaving out digest item " + pending.id() + ", whose stored form does not read: "
						+ ex.getMessage());
				unreadable.add(pending.id());
			}
		}
		this.repository.assign(told, "alerted", digestId);
		if (!told.isEmpty()) {
			this.events.publishEvent(new DigestRepeatsLeftOut(digestId, now));
		}
		this.repository.discard(unreadable);
		if (fresh.isEmpty()) {
			this.repository.finish(digestId, 0);
			count(period, "nothing_new");
			return Outcome.NOTHING_NEW;
		}
		// the most severe make the list when there are too many
		fresh.sort(Fresh.ORDER);
		List<Fresh> listed = fresh.subList(0, Math.min(fresh.size(), this.properties.maxItems()));
		List<Fresh> omitted = fresh.subList(listed.size(), fresh.size());
		this.repository.assign(listed.stream().map(Fresh::id).toList(), "included", digestId);
		this.repository.assign(omitted.stream().map(Fresh::id).toList(), "omitted", digestId);
		EmailLinks links = new EmailLinks(this.links.preferencesUrl(subscription.id()),
				this.links.unsubscribeUrl(subscription.id()));
		RenderedEmail content = this.emails.render(new DigestContent(period.weekly(), period.start(),
				subscription.preferences().timezone(), subscription.preferences().digestHour(),
				listed.stream().map(Fresh::entry).toList(), omitted.size(), links));
		this.events.publishEvent(new DigestComposed(subscription.id(), digestId, subscription.email(), period.key(),
				content, links.unsubscribeUrl(), now));
		this.repository.finish(digestId, fresh.size());
		count(period, "composed");
		return Outcome.COMPOSED;
	}

	private void count(DigestPeriod period, String outcome) {
		DigestMetrics.afterCommit(DigestMetrics.digests(this.meterRegistry, period.cadence(), outcome)::increment);
	}

	/**
	 * An item no digest has told the address about yet.
	 *
	 * @param id its row
	 * @param rank its place in recording order
	 * @param entry the item and its rules
	 */
	private record Fresh(long id, int rank, DigestEntry entry) {

		/** The most severe first, then in the order they were recorded. */
		static final Comparator<Fresh> ORDER = Comparator
			.comparing((Fresh fresh) -> fresh.entry().item().severity(), Comparator.reverseOrder())
			.thenComparingInt(Fresh::rank);

	}

}
