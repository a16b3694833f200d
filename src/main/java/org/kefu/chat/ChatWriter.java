package org.kefu.chat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores chat lines in batches: everyone sending at the same moment shares one insert and one
 * commit, instead of a transaction each. A sender waits until its line is committed (so an
 * acknowledged line is durable, as before) and gets back the stored line — the one stored first
 * when the same client id was sent before, even twice within one batch.
 */
@Component
class ChatWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChatWriter.class);
	private static final int BATCH = 500;

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final BlockingQueue<Line> queue = new LinkedBlockingQueue<>(100_000);
	private volatile Thread writer;
	private volatile boolean running;

	ChatWriter(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	private record Line(long session, String author, Long authorId, String clientId, String body, Instant at,
			CompletableFuture<Stored> done) {
	}

	/** A line as stored: its id and time (the first one's, for a line sent again). */
	record Stored(long id, String body, Instant at) {
	}

	/** Stores a text line and returns once it is committed. */
	Stored write(long session, String author, Long authorId, String clientId, String body) {
		try {
			return submit(session, author, authorId, clientId, body).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the chat line was stored", e);
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
		}
		catch (TimeoutException e) {
			throw new IllegalStateException("the chat line was not stored within 30 s", e);
		}
	}

	/** Queues a text line; the future completes once it is committed (with the batch it went in). */
	CompletableFuture<Stored> submit(long session, String author, Long authorId, String clientId, String body) {
		Line line = new Line(session, author, authorId, clientId, body, clock.instant(), new CompletableFuture<>());
		if (!running || !queue.offer(line)) {
			try {
				line.done().complete(writeNow(line));
			}
			catch (RuntimeException e) {
				line.done().completeExceptionally(e);
			}
		}
		return line.done();
	}

	private Stored writeNow(Line line) {
		return transactions.execute(tx -> store(List.of(line)).get(0));
	}

	private void run() {
		while (running || !queue.isEmpty()) {
			List<Line> batch = new ArrayList<>();
			try {
				Line first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, BATCH - 1);
				List<Stored> stored = transactions.execute(tx -> store(batch));
				for (int i = 0; i < batch.size(); i++) {
					batch.get(i).done().complete(stored.get(i));
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				batch.forEach(l -> l.done().completeExceptionally(e));
				return;
			}
			catch (RuntimeException e) {
				log.warn("Could not store {} chat lines: {}", batch.size(), e.toString());
				batch.forEach(l -> l.done().completeExceptionally(e));
			}
		}
	}

	/** One insert for the whole batch; lines sent before (or twice in it) are read back as first stored. */
	private List<Stored> store(List<Line> lines) {
		int n = lines.size();
		Long[] sessions = new Long[n];
		String[] authors = new String[n];
		Long[] authorIds = new Long[n];
		String[] clientIds = new String[n];
		String[] bodies = new String[n];
		Timestamp[] times = new Timestamp[n];
		for (int i = 0; i < n; i++) {
			Line l = lines.get(i);
			sessions[i] = l.session();
			authors[i] = l.author();
			authorIds[i] = l.authorId();
			clientIds[i] = l.clientId();
			bodies[i] = l.body();
			times[i] = Timestamp.from(l.at());
		}
		jdbc.sql("""
				insert into chat_message (session_id, author, author_id, client_id, body, created_at)
				select * from unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], ?::text[], ?::timestamptz[])
				on conflict (session_id, author, client_id) do nothing""")
			.params(sessions, authors, authorIds, clientIds, bodies, times).update();
		Map<String, Stored> rows = new HashMap<>();
		jdbc.sql("""
				select m.session_id, m.author, m.client_id, m.id, m.body, m.created_at from chat_message m
				join unnest(?::bigint[], ?::varchar[], ?::varchar[]) as k(session_id, author, client_id)
				  on m.session_id = k.session_id and m.author = k.author and m.client_id = k.client_id""")
			.params(sessions, authors, clientIds)
			.query((rs, i) -> rows.put(rs.getLong(1) + "/" + rs.getString(2) + "/" + rs.getString(3),
					new Stored(rs.getLong(4), rs.getString(5), rs.getTimestamp(6).toInstant())))
			.list();
		List<Stored> out = new ArrayList<>(n);
		for (Line l : lines) {
			out.add(rows.get(l.session() + "/" + l.author() + "/" + l.clientId()));
		}
		return out;
	}

	@Override
	public void start() {
		running = true;
		writer = Thread.ofPlatform().name("chat-writer").daemon().start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		Thread t = writer;
		if (t != null) {
			try {
				t.join(10_000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
