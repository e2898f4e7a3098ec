package dev.policypulse.ingestion.feed;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs polls on a shared pool of threads with at most {@code perHost} of them per host at
 * a time. A poll whose host is busy waits in that host's queue, not in a thread, so a
 * slow host with many sources never holds more than its share of the pool and other
 * hosts' polls go ahead.
 */
final class HostLanes {

	private final Executor workers;

	private final int perHost;

	private final Map<String, Lane> lanes = new HashMap<>();

	HostLanes(Executor workers, int perHost) {
		this.workers = workers;
		this.perHost = perHost;
	}

	/**
	 * Runs {@code task} as soon as its host has a free lane.
	 * @param host the host the task fetches from
	 * @param task the task; it must not throw
	 */
	void submit(String host, Runnable task) {
		Lane lane;
		synchronized (this) {
			lane = this.lanes.computeIfAbsent(host, (name) -> new Lane());
			if (lane.running >= this.perHost) {
				lane.waiting.add(task);
				return;
			}
			lane.running++;
		}
		start(host, lane, task);
	}

	/** Polls waiting for a lane, over all hosts. */
	synchronized int waiting() {
		return this.lanes.values().stream().mapToInt((lane) -> lane.waiting.size()).sum();
	}

	private void start(String host, Lane lane, Runnable task) {
		try {
			this.workers.execute(() -> {
				try {
					task.run();
				}
				finally {
					finished(host, lane);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the task is dropped with the pool
			synchronized (this) {
				lane.running--;
			}
		}
	}

	private void finished(String host, Lane lane) {
		Runnable next;
		synchronized (this) {
			next = lane.waiting.poll();
			if (next == null) {
				lane.running--;
				if (lane.running == 0) {
					this.lanes.remove(host);
				}
				return;
			}
		}
		start(host, lane, next);
	}

	/** One host's running count and queue; guarded by the enclosing instance. */
	private static final class Lane {

		private final Queue<Runnable> waiting = new ArrayDeque<>();

		private int running;

	}

}
