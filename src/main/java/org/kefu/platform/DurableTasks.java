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
 * that a 30-second chat target is warned of on time.
 */
@Component
class DurableTasks implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DurableTasks.class);

	private final Scheduler scheduler;
	private volatile boolean running;

	DurableTasks(DataSource dataSource, ObjectProvider<Task<?>> tasks) {
		List<Task<?>> all = new ArrayList<>();
		List<RecurringTask<?>> recurring = new ArrayList<>();
		tasks.orderedStream().forEach(task -> {
			if (task instanceof RecurringTask<?> r) {
				recurring.add(r);
			}
			else {
				all.add(task);
			}
		});
		this.scheduler = Scheduler.create(dataSource, all)
			.startTasks(recurring)
			.pollingInterval(Duration.ofSeconds(1))
			.heartbeatInterval(Duration.ofSeconds(10))
			.threads(2)
			.shutdownMaxWait(Duration.ofSeconds(5))
			.alwaysPersistTimestampInUTC()
			.build();
	}

	@Override
	public void start() {
		scheduler.start();
		running = true;
		log.info("Durable tasks started");
	}

	@Override
	public void stop() {
		running = false;
		scheduler.stop();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** After the web server and the event listeners, before anything that waits on timers. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}
}
