package org.kefu.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Api;
import org.kefu.support.KefuProcess;
import tools.jackson.databind.JsonNode;

/**
 * Two Kefu processes on one PostgreSQL database route 200 tickets to 20 agents of capacity 2 at
 * once: both dispatch, no item is ever offered to two agents, no agent holds more than two, every
 * offer accepted from both processes at the same moment is taken once, and every ticket ends with
 * exactly one assignment.
 */
@Tag("server")
class RoutingClusterTests {

	private static final int AGENTS = 20;
	private static final int CAPACITY = 2;
	private static final int TICKETS = 200;

	@Test
	void twoProcessesNeverGiveOneTicketToTwoAgentsNorAnAgentMoreThanTheirCapacity() throws Exception {
		try (KefuProcess one = new KefuProcess("-Dkefu.routing.offer=PT60S"); ExecutorService pool = Executors.newFixedThreadPool(16)) {
			one.start();
			try (KefuProcess two = new KefuProcess(one, "-Dkefu.routing.offer=PT60S")) {
				two.start();
				String adminToken = one.adminToken();
				List<Api> admins = List.of(Api.at(one.port()).as(adminToken), Api.at(two.port()).as(adminToken));
				one.execute("update routing_capacity set per_agent = " + CAPACITY + " where channel = 'api'");

				List<Long> agentIds = new ArrayList<>();
				List<List<Api>> agents = new ArrayList<>();
				for (int i = 0; i < AGENTS; i++) {
					String username = "cluster-agent-" + i;
					Api.Response user = admins.get(0).post("/api/v1/users", Map.of("username", username, "displayName",
							"坐席 " + i, "password", "agent-password-" + i, "roles", List.of("agent")));
					assertThat(user.status()).as(user.body()).isEqualTo(201);
					agentIds.add(user.json().get("id").asLong());
					String token = Api.at(one.port())
						.post("/api/v1/auth/token", Map.of("username", username, "password", "agent-password-" + i))
						.json()
						.get("token")
						.asString();
					agents.add(List.of(Api.at(one.port()).as(token), Api.at(two.port()).as(token)));
					assertThat(admins.get(i % 2).put("/api/v1/agents/" + agentIds.get(i) + "/state",
							Map.of("state", "online")).status()).isEqualTo(200);
				}

				List<Future<Long>> created = new ArrayList<>();
				for (int i = 0; i < TICKETS; i++) {
					int n = i;
					created.add(pool.submit(() -> admins.get(n % 2).post("/api/v1/tickets", Map.of("subject",
							"集群工单 " + n, "description", "第 " + n + " 张", "businessType", "inquiry", "customer",
							Map.of("name", "客户 " + n, "phone", "1370000" + String.format("%04d", n)))).json().get("id").asLong()));
				}
				for (Future<Long> f : created) {
					f.get();
				}

				AtomicInteger accepted = new AtomicInteger();
				AtomicInteger refused = new AtomicInteger();
				Map<Long, Integer> maxLoad = new ConcurrentHashMap<>();
				long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
				while (accepted.get() < TICKETS && System.nanoTime() < deadline) {
					await().atMost(Duration.ofSeconds(20)).until(() -> one.count(
							"select count(*) from routing_item where state = 'offered'") > 0
							|| one.count("select count(*) from routing_item where state = 'waiting'") == 0);
					// the invariant, read while both dispatchers work
					long over = one.count("select count(*) from (select coalesce(assigned_to, offered_to) a, count(*) c "
							+ "from routing_item where state in ('offered', 'assigned') group by 1) l where c > " + CAPACITY);
					assertThat(over).as("an agent above capacity").isZero();
					List<Future<?>> round = new ArrayList<>();
					List<Long> assigned = java.util.Collections.synchronizedList(new ArrayList<>());
					for (int i = 0; i < AGENTS; i++) {
						List<Api> agent = agents.get(i);
						for (JsonNode offer : agent.get(i % 2).get("/api/v1/routing/offers").json()) {
							long id = offer.get("offer").asLong();
							long ticket = offer.get("ticket").asLong();
							// the same offer accepted through both processes at once: taken once
							for (Api via : agent) {
								round.add(pool.submit(() -> {
									int status = via.post("/api/v1/routing/offers/" + id + "/accept", Map.of()).status();
									if (status == 200) {
										accepted.incrementAndGet();
										assigned.add(ticket);
										maxLoad.merge(ticket, 1, Integer::sum);
									}
									else {
										assertThat(status).isEqualTo(409);
										refused.incrementAndGet();
									}
									return null;
								}));
							}
						}
					}
					for (Future<?> f : round) {
						f.get();
					}
					// solve what was taken, through either process: capacity frees and the next wave is offered
					List<Future<?>> solving = new ArrayList<>();
					for (int i = 0; i < assigned.size(); i++) {
						long id = assigned.get(i);
						Api via = admins.get(i % 2);
						solving.add(pool.submit(() -> via.patch("/api/v1/tickets/" + id, Map.of("status", "solved"))));
					}
					for (Future<?> f : solving) {
						f.get();
					}
				}

				assertThat(accepted.get()).as("every ticket taken").isEqualTo(TICKETS);
				assertThat(refused.get()).as("the second accept of each offer").isEqualTo(TICKETS);
				assertThat(maxLoad.values()).allMatch(n -> n == 1);
				assertThat(one.count("""
						select count(*) from (select entity_id from audit_entry where entity_type = 'ticket'
						  and action = 'updated' and after ? 'assignee' group by entity_id having count(*) > 1) twice"""))
					.as("a ticket assigned twice").isZero();
				assertThat(one.count("select count(*) from (select item_id from routing_offer where outcome = 'accepted' "
						+ "group by item_id having count(*) > 1) x")).isZero();
				assertThat(one.count("select count(distinct node) from routing_offer")).as("both processes dispatched")
					.isEqualTo(2);
			}
		}
	}
}
