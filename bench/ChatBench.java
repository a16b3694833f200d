import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** (e) Chat: many visitors connected over WebSocket; typing signals and messages pushed to them. See bench/chat.sh. */
public class ChatBench {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
		.executor(Executors.newVirtualThreadPerTaskExecutor()).build();

	/**
	 * The visitors' sockets, spread over several clients: one Java HTTP client reads all its
	 * connections on a single selector thread, which alone capped what 10,000 visitors could receive.
	 */
	static final HttpClient[] socketClients = java.util.stream.IntStream.range(0, 8)
		.mapToObj(i -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
			.executor(Executors.newVirtualThreadPerTaskExecutor()).build())
		.toArray(HttpClient[]::new);

	record Chat(String publicId, String key, long id) {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> o = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String url = o.get("url");
		int visitors = Integer.parseInt(o.getOrDefault("visitors", "2000"));
		int[] rates = Arrays.stream(o.getOrDefault("rates", "200,500,2000").split(",")).mapToInt(Integer::parseInt).toArray();
		int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
		int clients = Integer.parseInt(o.getOrDefault("clients", "8"));
		String token = token(url, o.get("user"), o.get("password"));
		post(url + "/api/v1/chat/presence", token, null);

		// open the chats as the widget does
		long t0 = System.nanoTime();
		List<String[]> opened = java.util.Collections.synchronizedList(new ArrayList<>());
		parallel(clients, visitors, i -> {
			HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/chat/visitor/chats"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"visitorId":"bench-visitor-%07d","name":"访客%d","text":"你好，订单 DD%d 什么时候发货？","clientId":"first"}"""
					.formatted(i, i, i))));
			if (r.statusCode() != 201) {
				throw new IllegalStateException("chat not opened: " + r.statusCode() + " " + r.body());
			}
			opened.add(new String[] { field(r.body(), "session"), field(r.body(), "key") });
			if (i % 500 == 0) {
				post(url + "/api/v1/chat/presence", token, null);
			}
		});
		double openSeconds = (System.nanoTime() - t0) / 1e9;

		// connect every visitor over WebSocket and subscribe
		Map<String, Visitor> byChat = new ConcurrentHashMap<>();
		CountDownLatch subscribed = new CountDownLatch(opened.size());
		long c0 = System.nanoTime();
		String ws = url.replaceFirst("^http", "ws");
		List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
		for (String[] chat : opened) {
			Visitor v = new Visitor(chat[0], subscribed);
			byChat.put(chat[0], v);
			sockets.add(socketClients[sockets.size() % socketClients.length].newWebSocketBuilder().subprotocols("v12.stomp")
				.buildAsync(URI.create(ws + "/chat/live?session=" + chat[0] + "&key=" + chat[1]), v));
			if (sockets.size() % 200 == 0) {
				CompletableFuture.allOf(sockets.subList(sockets.size() - 200, sockets.size()).toArray(new CompletableFuture[0])).join();
			}
		}
		CompletableFuture.allOf(sockets.toArray(new CompletableFuture[0])).join();
		if (!subscribed.await(120, TimeUnit.SECONDS)) {
			throw new IllegalStateException(subscribed.getCount() + " visitors did not subscribe");
		}
		double connectSeconds = (System.nanoTime() - c0) / 1e9;
		long rss = rss(o.get("pid"));

		// the agent takes every chat
		post(url + "/api/v1/chat/presence", token, null);
		List<Chat> chats = new ArrayList<>();
		HttpResponse<String> waiting = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/chat/waiting"))
			.header("Authorization", "Bearer " + token).GET());
		Matcher m = Pattern.compile("\"id\":(\\d+),\"publicId\":\"([^\"]+)\"").matcher(waiting.body());
		while (m.find()) {
			chats.add(new Chat(m.group(2), null, Long.parseLong(m.group(1))));
		}
		long a0 = System.nanoTime();
		parallel(clients, chats.size(), i -> post(url + "/api/v1/chat/" + chats.get(i).id() + "/accept", token, null));
		double acceptSeconds = (System.nanoTime() - a0) / 1e9;
		Thread.sleep(2000); // the joined notices arrive and are not counted

		System.out.printf("visitors: %d chats opened in %.1f s (%.0f/s), %d WebSockets connected and subscribed in %.1f s; "
				+ "Kefu resident memory then %d MB; %d chats taken in %.1f s%n", opened.size(), openSeconds,
				opened.size() / openSeconds, byChat.size(), connectSeconds, rss / 1024, chats.size(), acceptSeconds);
		System.out.printf("| what the agent's side sends, %d s at each rate | offered/s | sent | received | achieved/s | p50 ms | p99 ms | max ms |%n",
				seconds);
		System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
		boolean overSocket = !"rest".equals(o.getOrDefault("agent", "socket"));
		Agent agent = overSocket ? Agent.connect(ws + "/api/v1/live", token, 1) : null;
		String via = overSocket ? "over the agent's WebSocket" : "one REST call each";
		for (int rate : rates) {
			phase("typing signal (pushed only: the bare live path), " + via, url, token, chats, byChat, rate, seconds,
					false, agent);
			phase("chat message (stored once per client id, then pushed), " + via, url, token, chats, byChat, rate,
					seconds, true, agent);
		}
		if (agent != null) {
			System.out.printf("agent's acknowledgements received: %,d; refusals: %,d%n", agent.acks.get(), agent.refusals.get());
		}
		System.exit(0);
	}

	static void phase(String label, String url, String token, List<Chat> chats, Map<String, Visitor> byChat, int rate,
			int seconds, boolean messages, Agent agent) throws Exception {
		byChat.values().forEach(Visitor::reset);
		int total = rate * seconds;
		AtomicInteger failed = new AtomicInteger();
		List<CompletableFuture<?>> inFlight = new ArrayList<>();
		long start = System.nanoTime();
		long interval = 1_000_000_000L / rate;
		for (int i = 0; i < total; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			Chat chat = chats.get(i % chats.size());
			Visitor visitor = byChat.get(chat.publicId());
			String tag = "b" + rate + "-" + i;
			String body = messages ? "{\"clientId\":\"" + tag + "\",\"text\":\"" + tag + "\"}" : null;
			visitor.sent(messages ? tag : "typing", System.nanoTime());
			if (agent != null) {
				agent.send(i, "/app/chat/" + chat.id() + (messages ? "/messages" : "/typing"), body == null ? "" : body);
				continue;
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v1/chat/" + chat.id()
					+ (messages ? "/messages" : "/typing")))
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
				.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			inFlight.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
				if (e != null || r.statusCode() >= 300) {
					failed.incrementAndGet();
				}
				return null;
			}));
		}
		CompletableFuture.allOf(inFlight.toArray(new CompletableFuture[0])).get(180, TimeUnit.SECONDS);
		Thread.sleep(3000);
		long[] latencies = byChat.values().stream().flatMapToLong(v -> v.latencies.stream().mapToLong(Long::longValue))
			.sorted().toArray();
		double elapsed = (System.nanoTime() - start) / 1e9 - 3;
		System.out.printf("| %s | %,d | %,d | %,d | %,.0f | %.1f | %.1f | %.1f |%n", label, rate, total, latencies.length,
				latencies.length / elapsed, pct(latencies, 50), pct(latencies, 99),
				latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
		if (failed.get() > 0) {
			System.out.printf("  (%d requests failed)%n", failed.get());
		}
	}

	static double pct(long[] sorted, int p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
	}

	/** A visitor's STOMP connection: subscribes, then times what arrives against what was sent to it. */
	static final class Visitor implements WebSocket.Listener {

		final String chat;
		final CountDownLatch subscribed;
		final Map<String, Long> sentAt = new ConcurrentHashMap<>();
		final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		final StringBuilder buffer = new StringBuilder();

		Visitor(String chat, CountDownLatch subscribed) {
			this.chat = chat;
			this.subscribed = subscribed;
		}

		void reset() {
			sentAt.clear();
			latencies.clear();
		}

		void sent(String what, long at) {
			sentAt.put(what, at);
		}

		@Override
		public void onOpen(WebSocket socket) {
			socket.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\n\n\u0000", true);
			socket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			long now = System.nanoTime();
			synchronized (buffer) {
				buffer.append(data);
				int end;
				while ((end = buffer.indexOf("\u0000")) >= 0) {
					String frame = buffer.substring(0, end).replaceFirst("^\n+", "");
					buffer.delete(0, end + 1);
					if (frame.startsWith("CONNECTED")) {
						socket.sendText("SUBSCRIBE\nid:0\ndestination:/user/queue/chat\n\n\u0000", true);
						subscribed.countDown();
					}
					else if (frame.startsWith("MESSAGE")) {
						String key = frame.contains("\"kind\":\"chat.typing\"") ? "typing" : null;
						if (key == null) {
							Matcher m = BODY.matcher(frame);
							key = m.find() ? m.group(1) : null;
						}
						Long at = key == null ? null : sentAt.remove(key);
						if (at != null) {
							latencies.add(now - at);
						}
					}
				}
			}
			socket.request(1);
			return null;
		}
	}

	/** The agent's side over STOMP on /api/v1/live, signed in by the API token in the handshake. */
	static final class Agent {

		final List<WebSocket> sockets = new ArrayList<>();
		final CountDownLatch connected;
		final AtomicLong acks = new AtomicLong();
		final AtomicLong refusals = new AtomicLong();

		Agent(int count) {
			this.connected = new CountDownLatch(count);
		}

		static Agent connect(String url, String token, int count) throws Exception {
			Agent agent = new Agent(count);
			for (int i = 0; i < count; i++) {
				Agent.Connection listener = agent.new Connection();
				agent.sockets.add(http.newWebSocketBuilder().subprotocols("v12.stomp").header("Authorization", "Bearer " + token)
					.buildAsync(URI.create(url), listener).get(30, TimeUnit.SECONDS));
			}
			if (!agent.connected.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the agent's live connections did not open");
			}
			return agent;
		}

		void send(int i, String destination, String json) {
			WebSocket socket = sockets.get(i % sockets.size());
			synchronized (socket) {
				socket.sendText("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + json + "\u0000", true)
					.join();
			}
		}

		final class Connection implements WebSocket.Listener {

			final StringBuilder buffer = new StringBuilder();

			@Override
			public void onOpen(WebSocket socket) {
				socket.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\n\n\u0000", true);
				socket.request(1);
			}

			@Override
			public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
				synchronized (buffer) {
					buffer.append(data);
					int end;
					while ((end = buffer.indexOf("\u0000")) >= 0) {
						String frame = buffer.substring(0, end).replaceFirst("^\n+", "");
						buffer.delete(0, end + 1);
						if (frame.startsWith("CONNECTED")) {
							synchronized (socket) {
								socket.sendText("SUBSCRIBE\nid:0\ndestination:/user/queue/live\n\n\u0000", true).join();
							}
							connected.countDown();
						}
						else if (frame.contains("\"kind\":\"chat.message\"")) {
							acks.incrementAndGet();
						}
						else if (frame.contains("\"kind\":\"chat.refused\"")) {
							refusals.incrementAndGet();
						}
					}
				}
				socket.request(1);
				return null;
			}
		}
	}

	static final Pattern BODY = Pattern.compile("\"body\":\"(b\\d+-\\d+)\"");

	interface Task {
		void run(int i) throws Exception;
	}

	static void parallel(int clients, int count, Task task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicInteger next = new AtomicInteger();
		List<Future<?>> work = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			work.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < count) {
					task.run(i);
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
	}

	static long rss(String pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (Exception e) {
			// not on Linux
		}
		return 0;
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}

	static void post(String url, String token, String body) {
		HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
		if (r.statusCode() >= 300) {
			throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
		}
	}

	static String token(String url, String user, String password) {
		HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
		return field(r.body(), "token");
	}

	static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
