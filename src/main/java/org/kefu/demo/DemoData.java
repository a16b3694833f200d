package org.kefu.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.identity.NewUser;
import org.kefu.identity.ServiceStage;
import org.kefu.identity.Skills;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.platform.KefuClock;
import org.kefu.platform.KefuProperties;
import org.kefu.reply.SavedReplies;
import org.kefu.shared.Actor;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.NewTicket;
import org.kefu.ticket.Priority;
import org.kefu.ticket.TicketChange;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketStatus;
import org.kefu.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Loads the demo center on an empty database, before Kefu takes requests: teams, people,
 * customers, then a thousand tickets over the last sixty days, each living its life through the
 * ticket module's operations at the time it pretends to have happened.
 */
@Component
class DemoData implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);
	static final int CUSTOMERS = 300;
	static final int TICKETS = 1000;
	private static final Duration HISTORY = Duration.ofDays(60);
	private static final String[] BUSINESS_TYPES = { "inquiry", "order_placement", "order_change", "after_sales",
			"return_exchange", "delivery_chase", "complaint", "feedback" };
	private static final int[] BUSINESS_WEIGHTS = { 22, 6, 16, 14, 12, 16, 8, 6 };

	private final KefuProperties properties;
	private final Users users;
	private final Teams teams;
	private final Customers customers;
	private final Tickets tickets;
	private final KefuClock clock;
	private final Skills skillBook;
	private final DemoAccounts b2b;
	private final SavedReplies replies;
	private final DemoWorkforce workforce;
	private final DemoKnowledge knowledge;

	private final org.kefu.notification.Notifications notifications;
	private final org.kefu.escalation.Escalations escalations;

	DemoData(KefuProperties properties, Users users, Teams teams, Customers customers, Tickets tickets,
			KefuClock clock, Skills skillBook, DemoAccounts b2b, SavedReplies replies,
			org.kefu.notification.Notifications notifications, org.kefu.escalation.Escalations escalations,
			DemoWorkforce workforce, DemoKnowledge knowledge) {
		this.workforce = workforce;
		this.knowledge = knowledge;
		this.notifications = notifications;
		this.escalations = escalations;
		this.replies = replies;
		this.skillBook = skillBook;
		this.b2b = b2b;
		this.properties = properties;
		this.users = users;
		this.teams = teams;
		this.customers = customers;
		this.tickets = tickets;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!properties.demoData() || users.findByUsername("admin").isPresent() || !users.active().isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		Instant now = Instant.now();
		try {
			new Story(new Random(20261124), now).tell();
			b2b.tell();
			savedReplies();
			workforce.tell();
			knowledge.tell();
		}
		finally {
			clock.resume();
		}
		// history is history: its SLA notices are not news, and its escalations climb from now on
		notifications.forget("sla.");
		notifications.forget("escalation.");
		notifications.forget("ticket.");
		escalations.restartOverdue(Instant.now());
		log.info("Loaded the demo center: {} users, {} customers, {} tickets ({} s). Sign in as admin / {}",
				DemoCenter.PEOPLE.size(), CUSTOMERS, TICKETS, (System.nanoTime() - started) / 1_000_000_000,
				DemoCenter.PASSWORD);
	}

	/** The shared saved replies a center starts with: greeting, order lookups, refunds, closing. */
	private void savedReplies() {
		var admin = users.findByUsername("admin").orElseThrow();
		Actor by = Actor.user(admin.id().value(), admin.username(), null);
		String[][] texts = {
			{ "问候", "hi", "{{customer.name}}您好，我是客服{{agent.name}}，很高兴为您服务。请问有什么可以帮您？" },
			{ "查询订单", "order", "好的，请稍等，我帮您查一下订单 {{field.order_number}} 的情况。" },
			{ "退款到账时间", "refund", "退款已提交，会在 1-3 个工作日内原路退回，请留意到账通知。" },
			{ "请拍照", "photo", "麻烦您把商品破损或故障的位置拍照发给我，我马上为您登记。" },
			{ "结束语", "bye", "感谢您的耐心，工单 #{{ticket.number}} 已记录，如有问题随时联系我们。祝您生活愉快！" },
			{ "Greeting (English)", "hi-en", "Hello {{customer.name}}, this is {{agent.name}}. How can I help you today?" },
		};
		for (String[] t : texts) {
			replies.create(new SavedReplies.SavedReplyForm(t[0], t[1], t[2], true, t[0].contains("English") ? "en" : "zh-CN"),
					by, true);
		}
	}

	/** One loading of the demo center, with its own random numbers. */
	private final class Story {

		private final Random random;
		private final Instant now;
		private final Instant start;
		private final Map<String, TeamId> teamIds = new HashMap<>();
		private final Map<String, List<Person>> teamMembers = new HashMap<>();
		private final List<Person> supervisors = new ArrayList<>();
		private final List<Long> customerIds = new ArrayList<>();
		private final Set<Long> englishCustomers = new HashSet<>();

		private record Person(long id, String username) {

			Actor actor() {
				return Actor.user(id, username, "10.1.0." + (id % 200 + 10));
			}
		}

		Story(Random random, Instant now) {
			this.random = random;
			this.now = now;
			this.start = now.minus(HISTORY);
		}

		void tell() {
			clock.stopAt(start.minus(Duration.ofDays(200)));
			createTeams();
			createPeople();
			createCustomers();
			List<Instant> openings = new ArrayList<>();
			for (int i = 0; i < TICKETS; i++) {
				// more recent days are busier, as a growing shop's are
				double u = Math.sqrt(random.nextDouble());
				openings.add(start.plusSeconds((long) (u * HISTORY.minusHours(1).toSeconds())));
			}
			openings.sort(null);
			int n = 0;
			for (Instant opened : openings) {
				ticket(opened);
				if (++n % 250 == 0) {
					log.info("Demo center: {} of {} tickets", n, TICKETS);
				}
			}
		}

		private void createTeams() {
			for (DemoCenter.TeamSpec spec : DemoCenter.TEAMS) {
				TeamId id = teams.create(spec.name(), ServiceStage.valueOf(spec.stage()),
						spec.parent() == null ? null : teamIds.get(spec.parent()), spec.description(), Actor.system());
				teamIds.put(spec.key(), id);
			}
		}

		private void createPeople() {
			Map<String, Set<Long>> members = new HashMap<>();
			Map<String, Set<Long>> leads = new HashMap<>();
			for (DemoCenter.PersonSpec spec : DemoCenter.PEOPLE) {
				Set<Long> teamSet = new LinkedHashSet<>();
				spec.teams().forEach(t -> teamSet.add(teamIds.get(t).value()));
				UserId id = users.create(new NewUser(spec.username(), spec.name(), spec.username() + "@kefu.example",
						null, DemoCenter.PASSWORD, new HashSet<>(spec.roles()), teamSet,
						spec.username().equals("emily") ? java.util.Locale.ENGLISH : null), Actor.system());
				Person person = new Person(id.value(), spec.username());
				for (String team : spec.teams()) {
					members.computeIfAbsent(team, k -> new LinkedHashSet<>()).add(id.value());
					if (spec.lead()) {
						leads.computeIfAbsent(team, k -> new LinkedHashSet<>()).add(id.value());
					}
					if (spec.roles().stream().anyMatch(r -> r.equals("agent") || r.endsWith("specialist")
							|| r.equals("delivery_chaser"))) {
						teamMembers.computeIfAbsent(team, k -> new ArrayList<>()).add(person);
					}
				}
				if (spec.roles().contains("site_supervisor") || spec.roles().contains("team_lead")) {
					supervisors.add(person);
				}
			}
			leads.forEach((team, ids) -> teams.setMembers(teamIds.get(team), members.get(team), ids, Actor.system()));
			Map<String, Long> skills = new HashMap<>();
			skillBook.all(java.util.Locale.ENGLISH).forEach(s -> skills.put(s.code(), s.id()));
			Map<Long, Integer> chatAndPhone = Map.of(skills.get("channel.phone"), 4, skills.get("channel.chat"), 3,
					skills.get("language.zh"), 5);
			teamMembers.values().stream().flatMap(List::stream).distinct().forEach(p -> skillBook
				.set(new UserId(p.id()), chatAndPhone, Actor.system()));
		}

		private void createCustomers() {
			for (int i = 0; i < CUSTOMERS; i++) {
				clock.stopAt(start.minus(Duration.ofDays(200 - i * 200L / CUSTOMERS)));
				boolean english = i % 12 == 0;
				String name = english ? DemoCenter.ENGLISH_NAMES[i / 12 % DemoCenter.ENGLISH_NAMES.length]
						: pick(DemoCenter.SURNAMES) + pick(DemoCenter.GIVEN);
				String phone = english ? null : "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
				String email = english || random.nextInt(3) == 0 ? "customer" + (i + 1) + "@mail.example" : null;
				CustomerId id = customers.create(new ContactDetails(name, email, phone), Actor.system());
				customerIds.add(id.value());
				if (english) {
					englishCustomers.add(id.value());
				}
			}
		}

		private void ticket(Instant opened) {
			long customer = customerIds.get((int) Math.min(customerIds.size() - 1,
					Math.abs(random.nextGaussian()) * customerIds.size() / 2.5));
			boolean english = englishCustomers.contains(customer);
			String type;
			String subject;
			String body;
			String product = english ? pick(DemoCenter.ENGLISH_PRODUCTS) : pick(DemoCenter.PRODUCTS);
			String order = "DD" + DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneId.of("Asia/Shanghai"))
				.format(opened.minus(Duration.ofDays(random.nextInt(10)))) + String.format("%06d", random.nextInt(1_000_000));
			if (english) {
				String[] spec = DemoCenter.ENGLISH[random.nextInt(DemoCenter.ENGLISH.length)];
				type = spec[0];
				subject = fill(spec[1], product, order);
				body = fill(spec[2], product, order);
			}
			else {
				type = weighted();
				String[] spec = pick(DemoCenter.chinese(type));
				subject = fill(spec[0], product, order);
				body = fill(spec[1], product, order);
			}
			Channel channel = english ? (random.nextBoolean() ? Channel.EMAIL : Channel.CHAT) : channel();
			Priority priority = type.equals("complaint") ? (random.nextInt(3) == 0 ? Priority.URGENT : Priority.HIGH)
					: random.nextInt(10) == 0 ? Priority.HIGH : random.nextInt(12) == 0 ? Priority.LOW : Priority.NORMAL;
			Set<String> tags = new LinkedHashSet<>();
			if (random.nextInt(8) == 0) {
				tags.add("vip");
			}
			if (type.equals("return_exchange") || body.contains("退款")) {
				tags.add("退款");
			}
			if (type.equals("delivery_chase") && random.nextBoolean()) {
				tags.add("物流异常");
			}
			if (random.nextInt(15) == 0) {
				tags.add("双十一");
			}
			String teamKey = DemoCenter.teamFor(type);
			List<Person> team = teamMembers.getOrDefault(teamKey, teamMembers.get("presale"));
			Person agent = team.get(random.nextInt(team.size()));
			clock.stopAt(opened);
			Actor opener = channel == Channel.PHONE ? agent.actor() : Actor.system();
			Map<String, String> fields = new HashMap<>();
			if (Set.of("order_change", "return_exchange", "delivery_chase").contains(type)) {
				fields.put("order_number", order);
			}
			if (type.equals("after_sales")) {
				fields.put("product", product);
			}
			TicketId id = tickets.open(new NewTicket(subject, body, type, priority, channel, new CustomerId(customer),
					null, null, null, tags, List.of(), fields), opener);

			long ageHours = Duration.between(opened, now).toHours();
			if (ageHours < 72 && random.nextInt(4) == 0) {
				return;
			}
			if (!step(2, 90)) {
				return;
			}
			Person assigner = channel == Channel.PHONE || random.nextBoolean() ? agent
					: supervisors.get(random.nextInt(supervisors.size()));
			tickets.change(id, TicketChange.assign(agent.id(), teamIds.get(teamKey).value()), assigner.actor());
			if (!step(3, 120)) {
				return;
			}
			String reply = english ? pick(DemoCenter.ENGLISH_REPLIES) : pick(DemoCenter.AGENT_REPLIES);
			tickets.reply(id, NewMessage.reply(reply), agent.actor());
			if (random.nextInt(6) == 0 && step(5, 60)) {
				tickets.reply(id, NewMessage.note(pick(DemoCenter.INTERNAL_NOTES)), agent.actor());
			}
			if (random.nextInt(3) == 0 && step(30, 600)) {
				tickets.reply(id, NewMessage.fromCustomer(english ? "Thanks, waiting for your update."
						: pick(DemoCenter.CUSTOMER_FOLLOW_UPS), channel), Actor.system());
			}
			TicketStatus fate = fate(ageHours);
			if (fate == TicketStatus.OPEN || !step(10, 900)) {
				return;
			}
			if (fate == TicketStatus.CLOSED) {
				tickets.change(id, TicketChange.status(TicketStatus.SOLVED), agent.actor());
				clock.advance(Duration.ofDays(3 + random.nextInt(3)));
				if (clock.instant().isAfter(now)) {
					return;
				}
				tickets.change(id, TicketChange.status(TicketStatus.CLOSED), Actor.system());
				return;
			}
			tickets.change(id, TicketChange.status(fate), agent.actor());
		}

		private TicketStatus fate(long ageHours) {
			int roll = random.nextInt(100);
			if (ageHours > 240) {
				return roll < 80 ? TicketStatus.CLOSED : roll < 92 ? TicketStatus.SOLVED
						: roll < 97 ? TicketStatus.PENDING : TicketStatus.ON_HOLD;
			}
			if (ageHours > 72) {
				return roll < 45 ? TicketStatus.SOLVED : roll < 65 ? TicketStatus.PENDING
						: roll < 75 ? TicketStatus.ON_HOLD : TicketStatus.OPEN;
			}
			return roll < 15 ? TicketStatus.SOLVED : roll < 35 ? TicketStatus.PENDING
					: roll < 45 ? TicketStatus.ON_HOLD : TicketStatus.OPEN;
		}

		/** Lets some minutes pass; false when that would be in the future, where the story stops. */
		private boolean step(int minMinutes, int maxMinutes) {
			clock.advance(Duration.ofMinutes(minMinutes + random.nextInt(maxMinutes - minMinutes + 1)));
			return !clock.instant().isAfter(now);
		}

		private Channel channel() {
			int roll = random.nextInt(100);
			return roll < 40 ? Channel.PHONE : roll < 65 ? Channel.CHAT : roll < 85 ? Channel.EMAIL
					: roll < 95 ? Channel.WEB : Channel.IM;
		}

		private String weighted() {
			int total = 0;
			for (int w : BUSINESS_WEIGHTS) {
				total += w;
			}
			int roll = random.nextInt(total);
			for (int i = 0; i < BUSINESS_TYPES.length; i++) {
				roll -= BUSINESS_WEIGHTS[i];
				if (roll < 0) {
					return BUSINESS_TYPES[i];
				}
			}
			return BUSINESS_TYPES[0];
		}

		private <T> T pick(T[] values) {
			return values[random.nextInt(values.length)];
		}

		private String fill(String template, String product, String order) {
			return template.replace("{p}", product).replace("{o}", order);
		}
	}
}
