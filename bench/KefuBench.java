import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kefu's benchmarks, run against a running Kefu and its database (see bench/README.md).
 *
 *   create  --url U --db JDBC --user U --password P --clients N --count C
 *           N concurrent API clients open C tickets; then C plain SQL inserts of the same rows
 *           (a ticket and its first message, one transaction each) through N JDBC connections.
 *   load    --db JDBC --tickets T --open O
 *           fills the database with T tickets (O of them unsolved), straight through SQL.
 *   read    --url U --user U --password P --requests R
 *           p50/p99 of the queue views and of search, R requests each, one client.
 *   import  --url U --db JDBC --user U --password P --rows N
 *           a CSV of N new customers imported through Kefu (read and check, confirm, wait until
 *           done); then N plain SQL rows doing the same work (look the phone up, insert the
 *           customer and its identities, one transaction each) through one JDBC connection.
 */
public class KefuBench {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public static void main(String[] args) throws Exception {
		Map<String, String> o = options(args);
		switch (args[0]) {
			case "create" -> create(o);
			case "load" -> load(o);
			case "read" -> read(o);
			case "import" -> importRows(o);
			default -> throw new IllegalArgumentException("create, load, read or import");
		}
	}

	// ---- (a) creating tickets: REST vs raw SQL

	static void create(Map<String, String> o) throws Exception {
		String url = o.get("url");
		int clients = Integer.parseInt(o.getOrDefault("clients", "8"));
		int count = Integer.parseInt(o.getOrDefault("count", "4000"));
		String token = token(url, o.get("user"), o.get("password"));
		// warm up the JIT and the pools, not counted
		runRest(url, token, clients, Math.min(500, count), "warm");
		double rest = runRest(url, token, clients, count, "bench");
		double floor = runPing(url, token, clients, count);
		double raw = runRaw(o.get("db"), clients, count);
		System.out.printf("REST API create: %d tickets, %d clients: %.0f tickets/s%n", count, clients, rest);
		System.out.printf("raw SQL insert : %d tickets, %d connections: %.0f tickets/s%n", count, clients, raw);
		System.out.printf("ratio REST/raw : %.2f%n", rest / raw);
		System.out.printf("for scale, the cheapest authenticated API call (GET /users/me, no database): %.0f requests/s%n", floor);
	}

	static double runRest(String url, String token, int clients, int count, String label) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> work = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			work.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < count) {
					String body = """
							{"subject":"%s 订单 DD%06d 物流三天没有更新","description":"客户来电：订单 DD%06d 已经三天没有物流更新，请尽快核实并回电。",
							"businessType":"delivery_chase","priority":"normal","channel":"phone",
							"customer":{"name":"客户%d","phone":"139%08d"}}""".formatted(label, i, i, i % 5000, i % 5000);
					HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/tickets"))
						.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body)));
					if (r.statusCode() != 201) {
						failed.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " creations failed");
		}
		return count / seconds;
	}

	static double runPing(String url, String token, int clients, int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> work = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			work.add(pool.submit(() -> {
				while (next.getAndIncrement() < count) {
					get(url, token, "/api/v1/users/me");
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
		return count / ((System.nanoTime() - start) / 1e9);
	}

	static double runRaw(String db, int clients, int count) throws Exception {
		try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
			st.execute("drop table if exists bench_ticket_message, bench_ticket");
			st.execute("create table bench_ticket (like ticket including defaults including constraints)");
			st.execute("alter table bench_ticket add primary key (id)");
			st.execute("create table bench_ticket_message (like ticket_message including defaults including constraints)");
			st.execute("alter table bench_ticket_message add primary key (id)");
			st.execute("drop sequence if exists bench_seq");
			st.execute("create sequence bench_seq");
		}
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> work = new ArrayList<>();
		for (int k = 0; k < clients; k++) {
			work.add(pool.submit(() -> {
				try (Connection c = DriverManager.getConnection(db)) {
					c.setAutoCommit(false);
					PreparedStatement ticket = c.prepareStatement("""
							insert into bench_ticket (id, number, subject, status, priority, business_type, channel,
							  customer_id, created_at, updated_at) values (nextval('bench_seq'), ?, ?, 'new', 2,
							  'delivery_chase', 'phone', ?, now(), now()) returning id""");
					PreparedStatement message = c.prepareStatement("""
							insert into bench_ticket_message (id, ticket_id, author_type, author_customer_id, visibility,
							  body, channel, created_at) values (nextval('bench_seq'), ?, 'customer', ?, 'public', ?,
							  'phone', now())""");
					int i;
					while ((i = next.getAndIncrement()) < count) {
						ticket.setLong(1, 900_000_000L + i);
						ticket.setString(2, "raw 订单 DD%06d 物流三天没有更新".formatted(i));
						ticket.setLong(3, i % 5000);
						long id;
						try (ResultSet rs = ticket.executeQuery()) {
							rs.next();
							id = rs.getLong(1);
						}
						message.setLong(1, id);
						message.setLong(2, i % 5000);
						message.setString(3, "客户来电：订单 DD%06d 已经三天没有物流更新，请尽快核实并回电。".formatted(i));
						message.executeUpdate();
						c.commit();
					}
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
			st.execute("drop table bench_ticket_message, bench_ticket");
			st.execute("drop sequence bench_seq");
		}
		return count / seconds;
	}

	// ---- (b) a million tickets

	static final String[] PRODUCTS = { "空调", "冰箱", "洗衣机", "扫地机器人", "蓝牙耳机", "电饭煲", "手机", "笔记本电脑", "净水器",
			"智能手表", "air purifier", "laptop", "headphones", "rice cooker" };
	static final String[] PROBLEMS = { "不制冷", "无法开机", "有异响", "漏水", "充电很慢", "屏幕有坏点", "物流三天没有更新", "要求退货退款",
			"想换个颜色", "安装师傅没有上门", "发票开错了", "arrived damaged", "stopped charging", "refund not received" };

	static void load(Map<String, String> o) throws Exception {
		int tickets = Integer.parseInt(o.getOrDefault("tickets", "1000000"));
		int open = Integer.parseInt(o.getOrDefault("open", "100000"));
		try (Connection c = DriverManager.getConnection(o.get("db")); Statement st = c.createStatement()) {
			long started = System.nanoTime();
			st.execute("create temporary table product (i int, name text)");
			st.execute("create temporary table problem (i int, name text)");
			for (int i = 0; i < PRODUCTS.length; i++) {
				st.execute("insert into product values (" + i + ", '" + PRODUCTS[i] + "')");
			}
			for (int i = 0; i < PROBLEMS.length; i++) {
				st.execute("insert into problem values (" + i + ", '" + PROBLEMS[i] + "')");
			}
			long base = single(st, "select coalesce(max(id), 0) + 1000 from ticket");
			long customers = single(st, "select coalesce(max(id), 0) + 1000 from customer");
			long messages = single(st, "select coalesce(max(id), 0) + 1000 from ticket_message");
			st.execute("""
					insert into customer (id, name, phone, created_at, updated_at)
					select %d + g, '客户' || g, '13' || lpad(g::text, 9, '0'), now() - interval '400 days', now() - interval '400 days'
					from generate_series(1, 100000) g""".formatted(customers));
			List<Long> agents = new ArrayList<>();
			try (ResultSet rs = st.executeQuery("select id from identity_user order by id")) {
				while (rs.next()) {
					agents.add(rs.getLong(1));
				}
			}
			List<Long> teams = new ArrayList<>();
			try (ResultSet rs = st.executeQuery("select id from identity_team order by id")) {
				while (rs.next()) {
					teams.add(rs.getLong(1));
				}
			}
			String agentArray = agents.toString().replace('[', '{').replace(']', '}');
			String teamArray = teams.isEmpty() ? "{NULL}" : teams.toString().replace('[', '{').replace(']', '}');
			String types = "{inquiry,order_placement,order_change,after_sales,return_exchange,delivery_chase,complaint,feedback}";
			// the newest `open` tickets are unsolved, the rest solved or closed, as in a real center
			st.execute("""
					insert into ticket (id, number, subject, status, priority, business_type, channel, customer_id,
					  assignee_id, team_id, tags, created_at, updated_at, solved_at, closed_at)
					select %1$d + g, 500000000 + g,
					  (select name from product where i = g %% %3$d) || (select name from problem where i = (g / 7) %% %4$d),
					  case when g > %5$d - %6$d then (array['new','open','pending','on_hold'])[1 + g %% 4]
					       else (array['solved','closed','closed'])[1 + g %% 3] end,
					  1 + (g %% 10 = 0)::int + (g %% 3 <> 0)::int + (g %% 50 = 0)::int,
					  ('%7$s'::text[])[1 + g %% 8],
					  (array['phone','chat','email','web','im'])[1 + g %% 5],
					  %2$d + 1 + g %% 100000,
					  case when g %% 9 = 0 and g > %5$d - %6$d then null else ('%8$s'::bigint[])[1 + g %% %9$d] end,
					  ('%10$s'::bigint[])[1 + g %% %11$d],
					  case when g %% 20 = 0 then array['vip'] else '{}'::text[] end,
					  now() - make_interval(secs => (%5$d - g) * 20),
					  now() - make_interval(secs => (%5$d - g) * 20) + interval '2 hours',
					  case when g <= %5$d - %6$d then now() - make_interval(secs => (%5$d - g) * 20) + interval '2 hours' end,
					  case when g <= %5$d - %6$d and g %% 3 <> 0 then now() - make_interval(secs => (%5$d - g) * 20) + interval '3 days' end
					from generate_series(1, %5$d) g""".formatted(base, customers, PRODUCTS.length, PROBLEMS.length,
					tickets, open, types, agentArray, agents.size(), teamArray, Math.max(1, teams.size())));
			st.execute("""
					insert into ticket_message (id, ticket_id, author_type, author_customer_id, visibility, body, channel, created_at)
					select %d + t.id, t.id, 'customer', t.customer_id, 'public',
					  '客户反映：' || t.subject || '。订单号 DD' || t.number || '，请尽快处理并回电。', t.channel, t.created_at
					from ticket t where t.id > %d""".formatted(messages, base));
			st.execute("select setval('ticket_id_seq', (select max(id) + 100 from ticket))");
			st.execute("select setval('ticket_message_id_seq', (select max(id) + 100 from ticket_message))");
			st.execute("select setval('ticket_number_seq', (select max(number) + 1 from ticket))");
			st.execute("select setval('customer_id_seq', (select max(id) + 100 from customer))");
			st.execute("analyze");
			System.out.printf("loaded %d tickets (%d unsolved) in %.0f s%n", tickets, open,
					(System.nanoTime() - started) / 1e9);
		}
	}

	static void read(Map<String, String> o) throws Exception {
		String url = o.get("url");
		int requests = Integer.parseInt(o.getOrDefault("requests", "300"));
		String token = token(url, o.get("user"), o.get("password"));
		List<String[]> cases = new ArrayList<>();
		cases.add(new String[] { "queue: all open, first page", "/api/v1/tickets?view=open" });
		cases.add(new String[] { "queue: unassigned", "/api/v1/tickets?view=unassigned" });
		cases.add(new String[] { "queue: my team's", "/api/v1/tickets?view=team" });
		cases.add(new String[] { "queue: mine", "/api/v1/tickets?view=mine" });
		cases.add(new String[] { "queue: open by priority", "/api/v1/tickets?view=open&sort=priority" });
		cases.add(new String[] { "queue: open, filtered by type", "/api/v1/tickets?view=open&businessType=complaint" });
		cases.add(new String[] { "queue: all, 40th page", "DEEP" });
		cases.add(new String[] { "search: 不制冷 (Chinese word)", "/api/v1/tickets?view=all&q=" + enc("不制冷") });
		cases.add(new String[] { "search: 扫地机器人 异响 (two words)", "/api/v1/tickets?view=all&q=" + enc("扫地机器人 异响") });
		cases.add(new String[] { "search: refund (English)", "/api/v1/tickets?view=all&q=refund" });
		cases.add(new String[] { "search: 退款 in open tickets", "/api/v1/tickets?view=open&q=" + enc("退款") });
		cases.add(new String[] { "search: ticket number", "/api/v1/tickets?view=all&q=" + enc("#500123456") });
		String deep = deepCursor(url, token);
		System.out.printf("%-36s %8s %8s %8s%n", "view", "p50 ms", "p99 ms", "max ms");
		for (String[] c : cases) {
			String path = c[1].equals("DEEP") ? "/api/v1/tickets?view=all&cursor=" + deep : c[1];
			for (int i = 0; i < 30; i++) {
				get(url, token, path);
			}
			double[] ms = new double[requests];
			for (int i = 0; i < requests; i++) {
				long t0 = System.nanoTime();
				HttpResponse<String> r = get(url, token, path);
				ms[i] = (System.nanoTime() - t0) / 1e6;
				if (r.statusCode() != 200) {
					throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
				}
			}
			Arrays.sort(ms);
			System.out.printf("%-36s %8.1f %8.1f %8.1f%n", c[0], ms[requests / 2], ms[(int) Math.ceil(requests * 0.99) - 1],
					ms[requests - 1]);
		}
	}

	static String deepCursor(String url, String token) throws Exception {
		String cursor = null;
		Pattern next = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");
		for (int i = 0; i < 40; i++) {
			HttpResponse<String> r = get(url, token, "/api/v1/tickets?view=all" + (cursor == null ? "" : "&cursor=" + cursor));
			Matcher m = next.matcher(r.body());
			if (!m.find()) {
				break;
			}
			cursor = m.group(1);
		}
		return cursor;
	}

	// ---- plumbing

	// ---- (c) importing customers: the import path vs raw SQL

	static void importRows(Map<String, String> o) throws Exception {
		String url = o.get("url");
		int rows = Integer.parseInt(o.getOrDefault("rows", "5000"));
		String token = token(url, o.get("user"), o.get("password"));
		long run = System.currentTimeMillis() % 10_000;
		StringBuilder csv = new StringBuilder("姓名,手机,邮箱,标签\n");
		for (int i = 0; i < rows; i++) {
			csv.append("客户").append(i).append(",13").append(String.format("%04d%05d", run, i)).append(",c").append(run)
				.append('-').append(i).append("@bench.example,导入\n");
		}
		byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
		String boundary = "kefu-bench-" + run;
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncustomers\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + file.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(file, 0, body, head.length, file.length);
		System.arraycopy(tail, 0, body, head.length + file.length, tail.length);

		long t0 = System.nanoTime();
		HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/imports"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		Matcher id = Pattern.compile("\"job\":\\{\"id\":(\\d+)").matcher(read.body());
		if (read.statusCode() != 201 || !id.find()) {
			throw new IllegalStateException("Import refused: " + read.statusCode() + " " + read.body());
		}
		long checked = System.nanoTime();
		send(HttpRequest.newBuilder(URI.create(url + "/api/v1/imports/" + id.group(1) + "/confirm"))
			.header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
		String status = "";
		while (!status.contains("\"status\":\"done\"")) {
			Thread.sleep(200);
			status = get(url, token, "/api/v1/imports/" + id.group(1)).body();
		}
		long done = System.nanoTime();
		Matcher created = Pattern.compile("\"created\":(\\d+)").matcher(status);
		if (!created.find() || Integer.parseInt(created.group(1)) != rows) {
			throw new IllegalStateException("The import did not create every row: " + status);
		}
		double readSeconds = (checked - t0) / 1e9;
		double importSeconds = (done - checked) / 1e9;

		long r0;
		long r1;
		try (Connection c = DriverManager.getConnection(o.get("db"))) {
			c.setAutoCommit(false);
			try (PreparedStatement find = c.prepareStatement(
					"select customer_id from customer_identity where type = 'phone' and value = ?");
					PreparedStatement customer = c.prepareStatement("insert into customer (id, name, email, phone, "
							+ "created_at, updated_at) values (nextval('customer_id_seq'), ?, ?, ?, now(), now()) returning id");
					PreparedStatement identity = c.prepareStatement(
							"insert into customer_identity (customer_id, type, value, created_at) values (?, ?, ?, now())")) {
				r0 = System.nanoTime();
				for (int i = 0; i < rows; i++) {
					String phone = "14" + String.format("%04d%05d", run, i);
					String email = "r" + run + "-" + i + "@bench.example";
					find.setString(1, phone);
					try (ResultSet rs = find.executeQuery()) {
						rs.next();
					}
					customer.setString(1, "客户" + i);
					customer.setString(2, email);
					customer.setString(3, phone);
					long cid;
					try (ResultSet rs = customer.executeQuery()) {
						rs.next();
						cid = rs.getLong(1);
					}
					for (String[] ident : new String[][] { { "phone", phone }, { "email", email } }) {
						identity.setLong(1, cid);
						identity.setString(2, ident[0]);
						identity.setString(3, ident[1]);
						identity.executeUpdate();
					}
					c.commit();
				}
				r1 = System.nanoTime();
			}
		}
		double rawSeconds = (r1 - r0) / 1e9;
		System.out.printf("rows: %d, created by the import: %s%n", rows, created.group(1));
		System.out.printf("| path | seconds | rows/s |%n| --- | --- | --- |%n");
		System.out.printf("| read and check (preview) | %.1f | %,.0f |%n", readSeconds, rows / readSeconds);
		System.out.printf("| import after confirming | %.1f | %,.0f |%n", importSeconds, rows / importSeconds);
		System.out.printf("| raw SQL, one transaction a row | %.1f | %,.0f |%n", rawSeconds, rows / rawSeconds);
		System.out.printf("ratio import/raw: %.2f%n", rawSeconds / importSeconds);
	}

	static String token(String url, String user, String password) throws Exception {
		HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
		Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
		if (!m.find()) {
			throw new IllegalStateException("No token: " + r.statusCode() + " " + r.body());
		}
		return m.group(1);
	}

	static HttpResponse<String> get(String url, String token, String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token).GET());
	}

	static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	static long single(Statement st, String sql) throws Exception {
		try (ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> o = new HashMap<>();
		for (int i = 1; i + 1 < args.length; i += 2) {
			o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		return o;
	}
}
