package dev.policypulse.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DispatchSchedulingTests {

	@Test
	void shutdownWaitsForTheRunningPassInsteadOfInterruptingIt() throws Exception {
		ThreadPoolTaskScheduler scheduler = DispatchScheduling
			.scheduler(new DispatchProperties(null, null, null, null, null, null, null, Duration.ofSeconds(10), null));
		scheduler.initialize();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		AtomicBoolean finished = new AtomicBoolean();
		scheduler.scheduleWithFixedDelay(() -> {
			started.countDown();
			try {
				finished.set(release.await(10, TimeUnit.SECONDS));
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
		}, Duration.ofHours(1));
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(scheduler::destroy);
		await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.getScheduledExecutor().isShutdown());
		assertThat(interrupted).isFalse();
		assertThat(shutdown).isNotDone();

		release.countDown();
		shutdown.get(5, TimeUnit.SECONDS);
		assertThat(finished).isTrue();
		assertThat(interrupted).isFalse();
	}

}
