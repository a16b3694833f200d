package org.kefu.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Durable, cluster-safe tasks (db-scheduler): each execution is picked by exactly one Kefu process
 * sharing the database, and a task due while every process was down runs when one comes back.
 * Modules declare their tasks as beans; recurring ones start themselves. Polls every second, so
 * that a 30-second chat target is warned of on time. A process that dies while running a task
 * holds it until it has missed four two-second heartbeats (the fewest the library allows), so a
 * sweep killed in flight is taken up again within seconds, not the library's default minutes.
 */
@Component
class DurableTasks implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DurableTasks.class);

	private final DataSource dataSource;
	private final List<Task<?>> tasks = new ArrayList<>();
	private final List<RecurringTask<?>> recurring = new ArrayList<>();
	private volatile Scheduler scheduler;

	DurableTasks(DataSource dataSource, ObjectProvider<Task<?>> tasks) {
		this.dataSource = dataSource;
		tasks.orderedStream().forEach(task -> {
			if (task instanceof RecurringTask<?> r) {
				recurring.add(r);
			}
			else {
				this.tasks.add(task);
			}
		});
	}

	/** A stopped scheduler cannot start again, so every start builds a new one (a context may be paused and resumed). */
	private Scheduler build() {
		return Scheduler.create(dataSource, tasks)
			.startTasks(recurring)
			.pollingInterval(Duration.ofSeconds(1))
			.heartbeatInterval(Duration.ofSeconds(2))
			.missedHeartbeatsLimit(4)
			.threads(2)
			.shutdownMaxWait(Duration.ofSeconds(5))
			.alwaysPersistTimestampInUTC()
			.build();
	}

	@Override
	public synchronized void start() {
		if (scheduler == null) {
			scheduler = build();
			scheduler.start();
			log.info("Durable tasks started");
		}
	}

	@Override
	public synchronized void stop() {
		if (scheduler != null) {
			scheduler.stop();
			scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}

	/** After the web server and the event listeners, before anything that waits on timers. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}
}
