package org.kefu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kefu.support.Fixtures;
import org.kefu.support.KefuTest;
import org.kefu.support.WebSession;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The pages through the real filter chain: sign-in, permissions, forms, languages, errors. */
@KefuTest
@Tag("api")
class PageTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Tickets tickets;

	private MockHttpSession signIn(Fixtures.Person person) throws Exception {
		MvcResult result = mvc.perform(post("/login").param("username", person.username())
			.param("password", Fixtures.PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn();
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	@Test
	void theLoginPageSpeaksTheBrowsersLanguage() throws Exception {
		mvc.perform(get("/login").header("Accept-Language", "zh-CN,zh;q=0.9"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("用户名")));
		mvc.perform(get("/login").header("Accept-Language", "en-US"))
			.andExpect(content().string(Matchers.containsString("Username")));
		mvc.perform(get("/login").header("Accept-Language", "fr-FR"))
			.andExpect(content().string(Matchers.containsString("Username")));
	}

	@Test
	void everyPageNeedsSigningIn() throws Exception {
		for (String page : new String[] { "/tickets", "/customers", "/admin/users", "/profile", "/tickets/100001" }) {
			mvc.perform(get(page)).andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/login"));
		}
	}

	@Test
	void aWrongPasswordReturnsToTheLoginPageWithAReason() throws Exception {
		Fixtures.Person agent = fixtures.person("agent");
		mvc.perform(post("/login").param("username", agent.username()).param("password", "wrong-one").with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void anAgentLandsOnTheirQueueAndCannotOpenAdministration() throws Exception {
		MockHttpSession session = signIn(fixtures.person("agent"));
		mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/tickets"));
		mvc.perform(get("/tickets").session(session)).andExpect(status().isOk());
		mvc.perform(get("/admin/users").session(session)).andExpect(status().isForbidden());
		mvc.perform(get("/admin/audit").session(session)).andExpect(status().isForbidden());
	}

	@Test
	void aRefusedPageSaysWhyInTheUsersLanguage() {
		Fixtures.Person agent = fixtures.person("agent");
		WebSession chinese = WebSession.signIn(port, agent.username(), Fixtures.PASSWORD, "zh-CN");
		var page = chinese.get("/admin/users");
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("您没有此操作的权限").doesNotContain("Exception").doesNotContain("at org.");
		var missing = WebSession.signIn(port, agent.username(), Fixtures.PASSWORD, "en").get("/no-such-page");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("This page does not exist");
	}

	@Test
	void aFinanceUserSeesNoTickets() throws Exception {
		MockHttpSession session = signIn(fixtures.person("finance"));
		mvc.perform(get("/tickets").session(session)).andExpect(status().isForbidden());
		mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/profile"));
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefused() throws Exception {
		MockHttpSession session = signIn(fixtures.person("agent"));
		mvc.perform(post("/tickets").session(session).param("subject", "x")).andExpect(status().isForbidden());
	}

	@Test
	void anAgentOpensRepliesToAndSolvesATicketThroughThePages() throws Exception {
		Fixtures.Person agent = fixtures.person("agent");
		MockHttpSession session = signIn(agent);
		MvcResult created = mvc.perform(post("/tickets").session(session).with(csrf())
			.param("subject", "洗衣机漏水").param("description", "新买的洗衣机底部漏水。")
			.param("businessType", "after_sales").param("priority", "high").param("channel", "phone")
			.param("name", "周杰").param("phone", "139 1234 5678").param("assignToMe", "true"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String page = created.getResponse().getRedirectedUrl();
		assertThat(page).matches("/tickets/\\d+");

		mvc.perform(get(page).session(session).header("Accept-Language", "zh-CN"))
			.andExpect(content().string(Matchers.containsString("洗衣机漏水")))
			.andExpect(content().string(Matchers.containsString("13912345678")));

		mvc.perform(multipart(page + "/messages").session(session).with(csrf())
			.param("body", "您好，师傅明天上门。").param("visibility", "public").param("then", "pending"))
			.andExpect(status().is3xxRedirection());

		mvc.perform(post(page + "/properties").session(session).with(csrf()).header("HX-Request", "true")
			.param("status", "solved"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Trigger", Matchers.containsString("kefu:saved")))
			.andExpect(content().string(Matchers.containsString("id=\"ticket-main\"")));

		long number = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
		TicketId id = tickets.byNumber(number).orElseThrow();
		assertThat(tickets.detail(id).ticket().status().code()).isEqualTo("solved");
		assertThat(tickets.detail(id).messages()).hasSize(2);
	}

	@Test
	void aRefusedChangeExplainsItselfWithoutLeavingThePage() throws Exception {
		Fixtures.Person agent = fixtures.person("agent");
		TicketId id = fixtures.aTicket().by(agent).open();
		long number = tickets.summary(id).number();
		MockHttpSession session = signIn(agent);
		mvc.perform(post("/tickets/" + number + "/properties").session(session).with(csrf())
			.header("HX-Request", "true").header("Accept-Language", "en").param("status", "closed"))
			.andExpect(header().string("HX-Reswap", "none"))
			.andExpect(header().string("HX-Trigger", Matchers.containsString("cannot go from new to closed")));
		mvc.perform(post("/tickets/" + number + "/properties").session(session).with(csrf())
			.header("Referer", "http://localhost/tickets/" + number).param("status", "closed"))
			.andExpect(redirectedUrl("/tickets/" + number));
	}

	@Test
	void attachmentsAreKeptAndServedSafely() throws Exception {
		Fixtures.Person agent = fixtures.person("agent");
		TicketId id = fixtures.aTicket().by(agent).open();
		long number = tickets.summary(id).number();
		MockHttpSession session = signIn(agent);
		byte[] html = "<html><script>alert(1)</script></html>".getBytes();
		mvc.perform(multipart("/tickets/" + number + "/messages")
			.file(new MockMultipartFile("files", "invoice.png", "image/png", html))
			.session(session).with(csrf()).param("body", "见附件").param("visibility", "internal"))
			.andExpect(status().is3xxRedirection());
		var attachment = tickets.detail(id).messages().get(1).attachments().get(0);
		assertThat(attachment.contentType()).as("typed from the content, not the name").isEqualTo("text/html");

		mvc.perform(get("/attachments/" + attachment.id()).session(session))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", Matchers.startsWith("application/octet-stream")))
			.andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));

		byte[] program = new byte[] { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff };
		mvc.perform(multipart("/tickets/" + number + "/messages")
			.file(new MockMultipartFile("files", "setup.exe", "application/octet-stream", program))
			.session(session).with(csrf()).header("Referer", "http://localhost/tickets/" + number)
			.param("body", "程序"))
			.andExpect(redirectedUrl("/tickets/" + number));
		assertThat(tickets.detail(id).messages()).as("nothing half-written").hasSize(2);
	}

	@Test
	void switchingLanguageFollowsTheUser() throws Exception {
		MockHttpSession session = signIn(fixtures.person("agent"));
		mvc.perform(get("/tickets").session(session).param("lang", "zh-CN").header("Accept-Language", "en"))
			.andExpect(content().string(Matchers.containsString("我的待办")));
		mvc.perform(get("/tickets").session(session).header("Accept-Language", "en"))
			.andExpect(content().string(Matchers.containsString("我的待办")));
	}

	@Test
	void anUnknownTicketIsAFriendlyPageNotAStackTrace() throws Exception {
		MockHttpSession session = signIn(fixtures.person("agent"));
		mvc.perform(get("/tickets/1").session(session).header("Accept-Language", "en"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(Matchers.containsString("There is no ticket")))
			.andExpect(content().string(Matchers.not(Matchers.containsString("at org."))));
		mvc.perform(get("/tickets").param("status", "bogus").session(session)).andExpect(status().isBadRequest());
	}

	@Test
	void administratorsSaveThePermissionMatrix() throws Exception {
		MockHttpSession session = signIn(fixtures.person("administrator"));
		mvc.perform(get("/admin/roles").session(session)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("ticket.merge")));
		mvc.perform(get("/admin/audit").session(session)).andExpect(status().isOk());
		mvc.perform(get("/admin/users").session(session)).andExpect(status().isOk());
		mvc.perform(get("/admin/teams").session(session)).andExpect(status().isOk());
		mvc.perform(get("/admin/business-types").session(session)).andExpect(status().isOk());
	}
}
