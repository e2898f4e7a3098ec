package dev.policypulse.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Starts the next dispatch pass as soon as this instance has stored something to send,
 * instead of at the end of the interval: an alert then waits for the emails before it,
 * not for the clock. Passes still run at least once per interval, for what other
 * instances stored, what fell due after a back-off, and the stranded-email sweep.
 */
@Component
class DispatchSignal {

	private final Semaphore stored = new Semaphore(0);

	/**
	 * Wakes the dispatcher once the current transaction commits (at once without one):
	 * before that, a pass would not see what was stored.
	 */
	void afterCommit() {
		DeliveryMetrics.afterCommit(this::signal);
	}

	void signal() {
		// one waiting permit is enough however often it is signalled
		if (this.stored.availablePermits() == 0) {
			this.stored.release();
		}
	}

	/**
	 * Waits until something was stored since the last wait, or the time is up.
	 * @return whether it was woken by a signal
	 */
	boolean await(Duration timeout) {
		try {
			boolean signalled = this.stored.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.stored.drainPermits();
			return signalled;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
