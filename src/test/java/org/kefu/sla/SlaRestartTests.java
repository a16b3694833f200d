package org.kefu.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Api;
import org.kefu.support.KefuProcess;
import tools.jackson.databind.JsonNode;

/**
 * Kefu killed while a ticket's first-response clock runs: the warning and the breach fall due
 * while nothing runs, and when Kefu is back each fires exactly once.
 */
@Tag("server")
class SlaRestartTests {

	@Test
	void aClockRunningThroughACrashStillWarnsAndBreachesOnce() throws Exception {
		try (KefuProcess kefu = new KefuProcess()) {
			kefu.start();
			Api admin = Api.at(URI.create(kefu.url()).getPort()).as(kefu.adminToken());
			assertThat(admin.post("/api/v1/business-types", Map.of("code", "crash_sla", "nameZh", "崩溃测试",
					"nameEn", "Crash test")).status()).isEqualTo(201);
			long always = 0;
			for (JsonNode c : admin.get("/api/v1/calendars").json()) {
				if (c.get("name").asText().contains("7×24")) {
					always = c.get("id").asLong();
				}
			}
			Api.Response policy = admin.post("/api/v1/sla-policies", Map.of("name", "崩溃 8 秒", "position", 1,
					"businessTypes", List.of("crash_sla"), "firstResponseSeconds", 8, "warnPercent", 50,
					"calendar", always));
			assertThat(policy.status()).as(policy.body()).isEqualTo(201);
			Api.Response ticket = admin.post("/api/v1/tickets", Map.of("subject", "断电前", "description", "还在吗",
					"businessType", "crash_sla", "customer", Map.of("name", "客户", "phone", "13900000001")));
			assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
			long id = ticket.json().get("id").asLong();

			kefu.kill();
			assertThat(kefu.count("select count(*) from sla_clock where ticket_id = " + id + " and warned_at is null"))
				.as("killed before the warning point").isEqualTo(1);
			// both moments pass while nothing runs
			await().atMost(Duration.ofSeconds(20)).until(() -> kefu.count("select count(*) from sla_clock where ticket_id = "
					+ id + " and due_at < now()") == 1);
			// and as if it was killed in the middle of a sweep: the sweep is held by a process that is gone
			kefu.execute("update scheduled_tasks set picked = true, picked_by = 'killed-kefu', last_heartbeat = now()"
					+ " where task_name = 'sla-sweep'");
			kefu.start();

			String warned = "select count(*) from audit_entry where entity_type = 'ticket' and entity_id = '" + id
					+ "' and action = 'sla_warned'";
			String breached = warned.replace("sla_warned", "sla_breached");
			// the sweep is taken up once the dead process has missed its beats
			await().atMost(Duration.ofSeconds(45)).until(() -> kefu.count(breached) == 1 && kefu.count(warned) == 1);
			// fired once, not once per sweep: still one each over the next sweeps
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
				.until(() -> kefu.count(warned) == 1 && kefu.count(breached) == 1);
			assertThat(kefu.count("select count(*) from sla_clock where ticket_id = " + id
					+ " and breached_at is not null and breached_at = due_at")).as("the breach is dated at the deadline")
				.isEqualTo(1);
		}
	}
}
