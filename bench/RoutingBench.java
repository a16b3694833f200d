import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (f) Routing decisions per second with many agents and a deep queue, against the bare database
 * work of the same offers; then the arrival-to-offer delay of tickets opened through the API.
 */
public class RoutingBench {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public static void main(String[] args) throws Exception {
		Map<String, String> o = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		int agents = Integer.parseInt(o.get("agents"));
		int waiting = Integer.parseInt(o.get("waiting"));
		int capacity = Integer.parseInt(o.get("capacity"));
		int arrivals = Integer.parseInt(o.get("arrivals"));
		int pace = Integer.parseInt(o.get("pace"));
		String token = token(o.get("url"), o.get("user"), o.get("password"));
		try (Connection db = DriverManager.getConnection(o.get("db"))) {
			db.setAutoCommit(true);
			try (Statement st = db.createStatement()) {
				// agents straight into the database: they need no password to be offered work
				st.execute("update routing_capacity set per_agent = " + capacity + " where channel in ('email', 'api')");
				st.execute("""
						insert into identity_user (username, display_name, password_hash, created_at, updated_at)
						select 'bench-agent-' || g, '坐席 ' || g, '{noop}x', now(), now() from generate_series(1, %d) g
						""".formatted(agents));
			}
			// (1) the bare database work: the same number of offers written without deciding anything
			long bare = bareOffers(db, waiting, agents);
			System.out.printf("bare offers (INSERT offers + UPDATE items, no decisions): %d in %d ms: %.0f/s%n", waiting,
					bare / 1_000_000, waiting / (bare / 1e9));
			// (2) Kefu's dispatcher on a queue of the same depth, the agents online first
			try (Statement st = db.createStatement()) {
				st.execute("""
						insert into agent_state (user_id, state, since, by_system)
						select id, 'online', now() - (random() * interval '1 hour'), false from identity_user
						where username like 'bench-agent-%'""");

				st.execute("delete from routing_item");
				st.execute("""
						insert into routing_item (ticket_id, ticket_number, customer_id, subject, channel, business_type,
						  language, priority_rank, grade, arrived_at, state, updated_at)
						select 900000000 + g, 900000000 + g, 1, '排队 ' || g, 'email', 'inquiry', 'zh', 1 + g %% 4,
						  case when g %% 10 = 0 then 1 end, now(), 'waiting', now() from generate_series(1, %d) g
						""".formatted(waiting));
			}
			long start = System.nanoTime();
			long offered = 0;
			while (System.nanoTime() - start < Duration.ofMinutes(5).toNanos()) {
				offered = count(db, "select count(*) from routing_item where state = 'offered'");
				if (offered >= waiting) {
					break;
				}
				Thread.sleep(20);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			double spread = seconds(db, "select extract(epoch from max(offered_at) - min(offered_at)) from routing_offer");
			long overCapacity = count(db, "select count(*) from (select offered_to from routing_item where state = "
					+ "'offered' group by 1 having count(*) > " + capacity + ") x");
			System.out.printf("Kefu dispatcher: %d of %d offered to %d agents in %.2f s (first to last offer %.2f s): "
					+ "%.0f decisions/s; agents above capacity: %d%n", offered, waiting, agents, seconds, spread,
					offered / Math.max(spread, 0.001), overCapacity);
			System.out.printf("ratio Kefu/bare: %.2f%n", (offered / Math.max(spread, 0.001)) / (waiting / (bare / 1e9)));

			// (3) arrivals through the API with agents free: the delay from arrival to offer
			List<Long> tickets = new ArrayList<>();
			for (int i = 0; i < arrivals; i++) {
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(o.get("url") + "/api/v1/tickets"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("""
							{"subject":"到达 %d","description":"测延迟","businessType":"inquiry","channel":"email",
							 "customer":{"name":"客户 %d","phone":"1350000%04d"}}""".formatted(i, i, i)))
					.build(), HttpResponse.BodyHandlers.ofString());
				Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(r.body());
				if (r.statusCode() != 201 || !m.find()) {
					throw new IllegalStateException(r.statusCode() + " " + r.body());
				}
				tickets.add(Long.parseLong(m.group(1)));
				Thread.sleep(pace);
			}
			Thread.sleep(3000);
			List<Double> delays = new ArrayList<>();
			try (PreparedStatement ps = db.prepareStatement("""
					select extract(epoch from o.offered_at - i.arrived_at) * 1000 from routing_item i
					join routing_offer o on o.item_id = i.id where i.ticket_id = ? order by o.id limit 1""")) {
				for (long t : tickets) {
					ps.setLong(1, t);
					try (ResultSet rs = ps.executeQuery()) {
						if (rs.next()) {
							delays.add(rs.getDouble(1));
						}
					}
				}
			}
			Collections.sort(delays);
			System.out.printf("arrival to offer, %d of %d tickets offered (one every %d ms through the API): p50 %.1f ms, "
					+ "p99 %.1f ms, max %.1f ms%n", delays.size(), arrivals, pace, pct(delays, 50), pct(delays, 99),
					delays.isEmpty() ? 0 : delays.getLast());
		}
	}

	static long bareOffers(Connection db, int waiting, int agents) throws Exception {
		try (Statement st = db.createStatement()) {
			st.execute("""
					insert into routing_item (ticket_id, ticket_number, customer_id, subject, channel, business_type,
					  language, priority_rank, arrived_at, state, updated_at)
					select 800000000 + g, 800000000 + g, 1, 'bare ' || g, 'email', 'inquiry', 'zh', 2, now(), 'waiting', now()
					from generate_series(1, %d) g""".formatted(waiting));
			long start = System.nanoTime();
			db.setAutoCommit(false);
			st.execute("""
					with a as (select id, row_number() over (order by id) n from identity_user where username like 'bench-agent-%%'),
					     i as (select id, row_number() over (order by id) n from routing_item where state = 'waiting'),
					     o as (insert into routing_offer (item_id, agent_id, offered_at, expires_at, reason, node)
					           select i.id, a.id, now(), now() + interval '30 minutes', '{"rule":"bare"}', 'bare'
					           from i join a on a.n = 1 + (i.n - 1) %% %d returning item_id, agent_id, id)
					update routing_item r set state = 'offered', offered_to = o.agent_id, offer_id = o.id,
					  offer_expires_at = now() + interval '30 minutes' from o where r.id = o.item_id""".formatted(agents));
			db.commit();
			long took = System.nanoTime() - start;
			db.setAutoCommit(true);
			st.execute("delete from routing_item");
			return took;
		}
	}

	static double pct(List<Double> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}

	static long count(Connection db, String sql) throws Exception {
		try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static double seconds(Connection db, String sql) throws Exception {
		try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getDouble(1);
		}
	}

	static String token(String url, String user, String password) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
		if (!m.find()) {
			throw new IllegalStateException("no token: " + r.body());
		}
		return m.group(1);
	}
}
