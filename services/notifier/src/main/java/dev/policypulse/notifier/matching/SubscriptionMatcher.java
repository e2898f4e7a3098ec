package dev.policypulse.notifier.matching;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.subscription.ActiveSubscriptions;
import dev.policypulse.notifier.subscription.Subscription;

import org.springframework.stereotype.Component;

/**
 * Finds the subscriptions an item concerns, in memory. The index of active subscriptions
 * is built from the database when first needed, follows every change made through this
 * instance as soon as it commits ({@link SubscriptionChanges}), and is rebuilt from the
 * database periodically ({@link MatchingScheduling}), which picks up changes made
 * elsewhere and compacts it.
 */
@Component
public class SubscriptionMatcher {

	private static final Log logger = LogFactory.getLog(SubscriptionMatcher.class);

	private final ActiveSubscriptions subscriptions;

	private final Timer matchTime;

	private final Counter rebuilt;

	private final Counter rebuildFailed;

	/** Serialises rebuilds and single changes, so that none is lost to another. */
	private final ReentrantLock changes = new ReentrantLock();

	/** Subscriptions changed while a rebuild read the database; guarded by changes. */
	private final Set<UUID> changedDuringRebuild = new HashSet<>();

	/** Serialises rebuilds. */
	private final ReentrantLock rebuilds = new ReentrantLock();

	/** Guarded by changes. */
	private boolean rebuilding;

	private volatile SubscriptionIndex index;

	SubscriptionMatcher(ActiveSubscriptions subscriptions, MeterRegistry meterRegistry) {
		this.subscriptions = subscriptions;
		this.matchTime = Timer.builder("policypulse.notifier.matching.duration")
			.description("Time to find the subscriptions a classified item concerns")
			.register(meterRegistry);
		this.rebuilt = rebuilds(meterRegistry, "success");
		this.rebuildFailed = rebuilds(meterRegistry, "failure");
		Gauge.builder("policypulse.notifier.matching.subscriptions", this, SubscriptionMatcher::indexed)
			.description("Active subscriptions in the matching index")
			.register(meterRegistry);
	}

	private static Counter rebuilds(MeterRegistry registry, String outcome) {
		return Counter.builder("policypulse.notifier.matching.rebuilds")
			.description("Rebuilds of the matching index from the database")
			.tag("outcome", outcome)
			.register(registry);
	}

	/**
	 * The active subscriptions the item concerns, oldest first, whatever their delivery.
	 * @throws org.springframework.dao.DataAccessException if the index was never built
	 * and the database cannot be read
	 */
	public List<Match> match(PolicyItemClassified item) {
		SubscriptionIndex index = built();
		return this.matchTime.record(() -> index.match(item));
	}

	/** The index, built first if it never was. */
	private SubscriptionIndex built() {
		SubscriptionIndex current = this.index;
		if (current != null) {
			return current;
		}
		this.rebuilds.lock();
		try {
			if (this.index == null) {
				rebuildLocked();
			}
			return this.index;
		}
		finally {
			this.rebuilds.unlock();
		}
	}

	/**
	 * Builds the index anew from the database. Changes that commit meanwhile are applied
	 * to the new index before it replaces the old one.
	 */
	void rebuild() {
		this.rebuilds.lock();
		try {
			rebuildLocked();
		}
		finally {
			this.rebuilds.unlock();
		}
	}

	private void rebuildLocked() {
		this.changes.lock();
		try {
			this.rebuilding = true;
			this.changedDuringRebuild.clear();
		}
		finally {
			this.changes.unlock();
		}
		try {
			SubscriptionIndex fresh = SubscriptionIndex.of(this.subscriptions.all());
			this.changes.lock();
			try {
				// committed after the read began, or before it but applied to the old
				// index only
				for (UUID id : this.changedDuringRebuild) {
					apply(fresh, id);
				}
				this.index = fresh;
			}
			finally {
				this.changes.unlock();
			}
			this.rebuilt.increment();
		}
		catch (RuntimeException ex) {
			this.rebuildFailed.increment();
			throw ex;
		}
		finally {
			this.changes.lock();
			try {
				this.rebuilding = false;
				this.changedDuringRebuild.clear();
			}
			finally {
				this.changes.unlock();
			}
		}
	}

	/** Rebuilds, logging instead of throwing; for the periodic rebuild. */
	void rebuildQuietly() {
		try {
			rebuild();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not rebuild the subscription index from the database; matching goes on with the "
					+ "previous one: " + ex.getMessage());
		}
	}

	/** Reads one subscription again and updates the index. */
	void refresh(UUID id) {
		this.changes.lock();
		try {
			if (this.rebuilding) {
				this.changedDuringRebuild.add(id);
			}
			SubscriptionIndex current = this.index;
			if (current != null) {
				apply(current, id);
			}
		}
		finally {
			this.changes.unlock();
		}
	}

	private void apply(SubscriptionIndex target, UUID id) {
		Optional<Subscription> active = this.subscriptions.find(id);
		if (active.isPresent()) {
			target.put(active.get());
		}
		else {
			target.remove(id);
		}
	}

	private double indexed() {
		SubscriptionIndex current = this.index;
		return (current != null) ? current.size() : 0;
	}

}
