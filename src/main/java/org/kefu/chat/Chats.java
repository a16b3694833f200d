package org.kefu.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.kefu.channel.Intake;
import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.live.Live;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.EmailAddress;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.Author;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Chats from the widget to the agents (R-CH-2). A visitor opens a chat with their first message;
 * it lands on a ticket through the channel intake (their open ticket, or a new one) and waits in
 * the queue. Agents present in the console see it at once and take it, up to
 * {@code kefu.chat.max-per-agent} chats each; exactly one agent gets it. Messages carry the
 * sender's own id, so a message sent again after a dropped connection is stored once; the
 * transcript goes onto the ticket when the chat ends.
 */
@Service
public class Chats {

	private static final Pattern VISITOR_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
	private static final SecureRandom RANDOM = new SecureRandom();
	static final String VISITOR_QUEUE = "/queue/chat";

	private final JdbcClient jdbc;
	private final Customers customers;
	private final Intake intake;
	private final Tickets tickets;
	private final Users users;
	private final Live live;
	private final SimpMessagingTemplate messaging;
	private final ChatPresence presence;
	private final Clock clock;
	private final int maxPerAgent;
	private final AtomicBoolean queueChanged = new AtomicBoolean();
	private final Cache<Long, Owner> owners = Caffeine.newBuilder().maximumSize(100_000)
		.expireAfterWrite(java.time.Duration.ofSeconds(5)).build();

	Chats(JdbcClient jdbc, Customers customers, Intake intake, Tickets tickets, Users users, Live live,
			SimpMessagingTemplate messaging, ChatPresence presence, Clock clock,
			@Value("${kefu.chat.max-per-agent:3}") int maxPerAgent) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.intake = intake;
		this.tickets = tickets;
		this.users = users;
		this.live = live;
		this.messaging = messaging;
		this.presence = presence;
		this.clock = clock;
		this.maxPerAgent = maxPerAgent;
	}

	/** What the widget asks for: whether anyone is there, how many wait, how long it takes. */
	public record Availability(boolean online, int waiting, long expectedWaitSeconds) {
	}

	/** A visitor's first message, with who they say they are. */
	public record Opening(String visitorId, String name, String email, String language, String pageUrl, String text,
			String clientId) {
	}

	/** A chat just opened: its id, the visitor's key (given only now), and its place in the queue. */
	public record Started(UUID session, String key, long ticketNumber, int position, long expectedWaitSeconds) {
	}

	public Availability availability() {
		int waiting = waitingCount();
		return new Availability(hasRoom(), waiting, expectedWait(waiting + 1));
	}

	private boolean hasRoom() {
		for (long agent : presence.present()) {
			if (activeOf(agent) < maxPerAgent) {
				return true;
			}
		}
		return false;
	}

	private int waitingCount() {
		return jdbc.sql("select count(*) from chat_session where status = 'waiting'").query(Integer.class).single();
	}

	private int activeOf(long agent) {
		return jdbc.sql("select count(*) from chat_session where status = 'active' and agent_id = ?").param(agent)
			.query(Integer.class).single();
	}

	/** The expected wait at this place in the queue: the recent average wait per chat ahead, shared by the agents. */
	public long expectedWait(int position) {
		Double average = jdbc.sql("""
				select avg(extract(epoch from accepted_at - created_at)) from (
				  select accepted_at, created_at from chat_session where accepted_at is not null
				  order by accepted_at desc limit 20) recent""").query(Double.class).optional().orElse(null);
		double perChat = average == null ? 60 : Math.max(5, average);
		int agents = Math.max(1, presence.present().size());
		return Math.round(position * perChat / agents);
	}

	@Transactional
	public Started start(Opening opening) {
		String text = text(opening.text());
		String visitorId = visitorId(opening.visitorId());
		String clientId = clientId(opening.clientId());
		String name = opening.name() == null || opening.name().isBlank() ? null : limit(opening.name().strip(), 100);
		String email = opening.email() == null || opening.email().isBlank() ? null
				: EmailAddress.of(opening.email()).value();
		if (!hasRoom()) {
			throw new ConflictException("chat.offline");
		}
		Actor actor = new Actor(null, "chat:" + visitorId, null);
		CustomerId customer = email != null ? customers.identify(new ContactDetails(name, email, null), actor)
				: customers.identify(IdentityType.CHAT, visitorId, name == null ? "Chat " + visitorId.substring(0, 6) : name,
						actor);
		Intake.Landed landed = intake.land(customer, Channel.CHAT, subject(text), text, List.of(), Set.of("chat"), actor);
		String key = randomKey();
		UUID publicId = UUID.randomUUID();
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into chat_session (public_id, key_hash, visitor_id, visitor_name, visitor_email, customer_id,
				  ticket_id, status, language, page_url, created_at)
				values (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?) returning id""")
			.params(publicId, hash(key), visitorId, name, email, customer.value(), landed.ticket().value(),
					opening.language() == null ? null : limit(opening.language(), 8),
					opening.pageUrl() == null ? null : limit(opening.pageUrl(), 500), Timestamp.from(now))
			.query(Long.class).single();
		insert(id, "visitor", null, clientId, text, now);
		int position = position(id);
		afterCommit(() -> {
			announceQueue();
			presence.present().forEach(agent -> live.push(agent, "chat.waiting", Map.of("chat", id)));
		});
		return new Started(publicId, key, landed.number(), position, expectedWait(position));
	}

	/** A request left when nobody is there: it becomes a ticket for the customer. */
	@Transactional
	public long leaveMessage(Opening opening) {
		String text = text(opening.text());
		String visitorId = visitorId(opening.visitorId());
		if (opening.email() == null || opening.email().isBlank()) {
			throw new InvalidInputException("validation.required", "email");
		}
		String email = EmailAddress.of(opening.email()).value();
		String name = opening.name() == null || opening.name().isBlank() ? null : limit(opening.name().strip(), 100);
		Actor actor = new Actor(null, "chat:" + visitorId, null);
		CustomerId customer = customers.identify(new ContactDetails(name, email, null), actor);
		return intake.land(customer, Channel.CHAT, subject(text), text, List.of(), Set.of("chat", "offline-chat"), actor)
			.number();
	}

	/** The chat this visitor key opens; anything else is not found, whatever the reason. */
	public long visitorSession(UUID publicId, String key) {
		return jdbc.sql("select id from chat_session where public_id = ? and key_hash = ?")
			.params(publicId, key == null ? "" : hash(key)).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("chat.not-found", publicId));
	}

	/** The visitor's message; the same client id again returns the stored one. */
	@Transactional
	public ChatMessage say(UUID publicId, String key, String clientId, String text) {
		long session = visitorSession(publicId, key);
		Owner chat = owner(session).orElseThrow(() -> new NotFoundException("chat.not-found", publicId));
		if (chat.status().equals("ended")) {
			throw new ConflictException("chat.ended");
		}
		ChatMessage message = store(session, "visitor", null, clientId(clientId), text(text));
		afterCommit(() -> {
			if (chat.agent() != null) {
				live.push(chat.agent(), "chat.message", payload(session, message));
			}
			toVisitor(chat.publicId(), "chat.message", payload(session, message));
		});
		return message;
	}

	/** The agent's reply in their chat. */
	@Transactional
	public ChatMessage reply(long session, Actor agent, String clientId, String text) {
		Owner chat = agentsChat(session, agent);
		ChatMessage message = store(session, "agent", agent.userId(), clientId(clientId), text(text));
		afterCommit(() -> {
			toVisitor(chat.publicId(), "chat.message", payload(session, message));
			live.push(agent.userId(), "chat.message", payload(session, message));
		});
		return message;
	}

	/** Someone is typing: passed on, not kept. */
	public void typing(UUID publicId, String key) {
		ChatView chat = get(visitorSession(publicId, key));
		if (chat.agent() != null && chat.status().equals("active")) {
			live.push(chat.agent(), "chat.typing", Map.of("chat", chat.id()));
		}
	}

	/** The agent is typing: checked against a few seconds' memory of who has the chat, not the database. */
	public void typing(long session, Actor agent) {
		Owner owner = owners.get(session, id -> owner(id).orElse(null));
		if (owner == null || !owner.status().equals("active") || !Objects.equals(owner.agent(), agent.userId())) {
			throw new ConflictException("chat.not-yours", session);
		}
		toVisitor(owner.publicId(), "chat.typing", Map.of());
	}

	/** Who has a chat, as the checks before answering need it. */
	private record Owner(UUID publicId, Long agent, String status) {
	}

	private Optional<Owner> owner(long session) {
		return jdbc.sql("select public_id, agent_id, status from chat_session where id = ?").param(session)
			.query((rs, n) -> {
				long agent = rs.getLong(2);
				return new Owner(rs.getObject(1, UUID.class), rs.wasNull() ? null : agent, rs.getString(3));
			})
			.optional();
	}

	private Owner agentsChat(long session, Actor agent) {
		Owner owner = owner(session).orElseThrow(() -> new NotFoundException("chat.not-found", session));
		if (!owner.status().equals("active") || !Objects.equals(owner.agent(), agent.userId())) {
			throw new ConflictException("chat.not-yours", session);
		}
		return owner;
	}

	/** Takes a waiting chat: exactly one agent gets it, and nobody more than their limit. */
	@Transactional
	public ChatView accept(long session, Actor agent) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("chat-agent:" + agent.userId())
			.query(Object.class).single();
		if (activeOf(agent.userId()) >= maxPerAgent) {
			throw new ConflictException("chat.full", maxPerAgent);
		}
		get(session);
		Instant now = clock.instant();
		int taken = jdbc.sql("""
				update chat_session set status = 'active', agent_id = ?, accepted_at = ? where id = ? and status = 'waiting'""")
			.params(agent.userId(), Timestamp.from(now), session).update();
		if (taken == 0) {
			throw new ConflictException("chat.taken", session);
		}
		owners.invalidate(session);
		String name = agentName(agent.userId());
		ChatMessage joined = store(session, "system", agent.userId(), "joined-" + agent.userId(), "joined:" + name);
		ChatView chat = get(session);
		afterCommit(() -> {
			toVisitor(chat.publicId(), "chat.accepted", Map.of("agent", name, "message", message(joined)));
			announceQueue();
			presence.present().forEach(a -> live.push(a, "chat.taken", Map.of("chat", session)));
		});
		return chat;
	}

	/**
	 * Hands the agent's chat to another agent who is present and below their limit, or, without one,
	 * back to the queue for whoever takes it next. The visitor is told who joined.
	 */
	@Transactional
	public ChatView transfer(long session, Actor from, Long to) {
		Owner chat = agentsChat(session, from);
		owners.invalidate(session);
		if (to == null) {
			jdbc.sql("update chat_session set status = 'waiting', agent_id = null, accepted_at = null where id = ?")
				.param(session).update();
			store(session, "system", from.userId(), "queued-" + clock.millis(), "queued:" + agentName(from.userId()));
			afterCommit(() -> {
				announceQueue();
				presence.present().forEach(a -> live.push(a, "chat.waiting", Map.of("chat", session)));
			});
			return get(session);
		}
		if (to.equals(from.userId()) || !presence.present().contains(to)) {
			throw new ConflictException("chat.agent-away", to);
		}
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("chat-agent:" + to).query(Object.class).single();
		if (activeOf(to) >= maxPerAgent) {
			throw new ConflictException("chat.agent-full", to);
		}
		jdbc.sql("update chat_session set agent_id = ? where id = ? and agent_id = ?").params(to, session, from.userId())
			.update();
		String name = agentName(to);
		ChatMessage joined = store(session, "system", to, "joined-" + to + "-" + clock.millis(), "joined:" + name);
		afterCommit(() -> {
			toVisitor(chat.publicId(), "chat.accepted", Map.of("agent", name, "message", message(joined)));
			live.push(to, "chat.transferred", Map.of("chat", session));
			live.push(from.userId(), "chat.taken", Map.of("chat", session));
		});
		return get(session);
	}

	/** The agents present for chat with room for one more, other than this one: who a chat can go to. */
	public List<Map<String, Object>> colleagues(long agent) {
		return presence.present().stream().filter(a -> a != agent && activeOf(a) < maxPerAgent)
			.map(a -> Map.<String, Object>of("id", a, "name", agentName(a))).toList();
	}

	/** Ends the chat (by the visitor or the agent) and puts the transcript on its ticket. */
	@Transactional
	public void endByVisitor(UUID publicId, String key) {
		end(visitorSession(publicId, key), "visitor", null);
	}

	@Transactional
	public void endByAgent(long session, Actor agent) {
		agentsChat(session, agent);
		end(session, "agent", agent);
	}

	private void end(long session, String by, Actor agent) {
		Instant now = clock.instant();
		int ended = jdbc.sql("update chat_session set status = 'ended', ended_at = ?, ended_by = ? where id = ? and status <> 'ended'")
			.params(Timestamp.from(now), by, session).update();
		if (ended == 0) {
			return;
		}
		owners.invalidate(session);
		ChatView chat = get(session);
		StringBuilder transcript = new StringBuilder("[chat] ");
		transcript.append(chat.visitorName() == null ? "visitor" : chat.visitorName()).append(", ")
			.append(chat.createdAt()).append(" – ").append(now).append('\n');
		for (ChatMessage m : messages(session, 0)) {
			if (m.author().equals("system")) {
				continue;
			}
			transcript.append('[').append(m.at()).append("] ").append(m.authorName()).append(": ").append(m.body())
				.append('\n');
		}
		tickets.reply(new TicketId(chat.ticket()), new NewMessage(transcript.toString().strip(), Visibility.INTERNAL,
				Author.SYSTEM, Channel.CHAT, null, List.of()), agent == null ? new Actor(null, "chat", null) : agent);
		afterCommit(() -> {
			toVisitor(chat.publicId(), "chat.ended", Map.of("by", by));
			if (chat.agent() != null) {
				live.push(chat.agent(), "chat.ended", Map.of("chat", session, "by", by));
			}
			announceQueue();
		});
	}

	public void checkIn(long agent) {
		presence.checkIn(agent);
	}

	public List<ChatMessage> messages(long session, long after) {
		return jdbc.sql("""
				select m.id, m.author, coalesce(case when m.author = 'visitor' then s.visitor_name end, ''), m.client_id,
				  m.body, m.created_at, m.author_id
				from chat_message m join chat_session s on s.id = m.session_id
				where m.session_id = ? and m.id > ? order by m.id""")
			.params(session, after)
			.query((rs, n) -> {
				String author = rs.getString(2);
				long authorId = rs.getLong(7);
				String name = author.equals("agent") ? agentName(authorId) : rs.getString(3);
				return new ChatMessage(rs.getLong(1), author, name, rs.getString(4), rs.getString(5),
						rs.getTimestamp(6).toInstant());
			})
			.list();
	}

	public List<ChatView> waiting() {
		return jdbc.sql("""
				select s.id, s.public_id, s.status, s.visitor_name, s.visitor_email, s.customer_id, s.ticket_id,
				  coalesce(t.number, 0), s.agent_id, s.language, s.page_url, s.created_at, s.accepted_at, s.ended_at,
				  row_number() over (order by s.created_at, s.id)
				from chat_session s left join ticket t on t.id = s.ticket_id
				where s.status = 'waiting' order by s.created_at, s.id""").query(this::view).list();
	}

	public List<ChatView> activeOfAgent(long agent) {
		return jdbc.sql(SELECT + " where s.status = 'active' and s.agent_id = ? order by s.accepted_at").param(agent)
			.query(this::view).list();
	}

	public ChatView get(long session) {
		return jdbc.sql(SELECT + " where s.id = ?").param(session).query(this::view).optional()
			.orElseThrow(() -> new NotFoundException("chat.not-found", session));
	}

	public int maxPerAgent() {
		return maxPerAgent;
	}

	private static final String SELECT = """
			select s.id, s.public_id, s.status, s.visitor_name, s.visitor_email, s.customer_id, s.ticket_id,
			  coalesce(t.number, 0),
			  s.agent_id, s.language, s.page_url, s.created_at, s.accepted_at, s.ended_at,
			  case when s.status = 'waiting' then (select count(*) from chat_session w where w.status = 'waiting'
			    and (w.created_at, w.id) <= (s.created_at, s.id)) else 0 end
			from chat_session s left join ticket t on t.id = s.ticket_id""";

	private ChatView view(ResultSet rs, int n) throws SQLException {
		long agent = rs.getLong(9);
		boolean noAgent = rs.wasNull();
		return new ChatView(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), noAgent ? null : agent, rs.getString(10),
				rs.getString(11), rs.getTimestamp(12).toInstant(), instant(rs.getTimestamp(13)),
				instant(rs.getTimestamp(14)), rs.getInt(15));
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	private int position(long session) {
		return get(session).position();
	}

	/** The queue changed: waiting visitors hear their new place with the next announcement. */
	private void announceQueue() {
		queueChanged.set(true);
	}

	/** Tells every waiting visitor their place and expected wait, at most every two seconds. */
	@Scheduled(fixedDelay = 2000, initialDelay = 2000)
	void announceIfChanged() {
		if (!queueChanged.getAndSet(false)) {
			return;
		}
		long perPlace = expectedWait(1);
		for (ChatView chat : waiting()) {
			toVisitor(chat.publicId(), "chat.queue", Map.of("position", chat.position(), "expectedWaitSeconds",
					perPlace * chat.position()));
		}
	}

	private ChatMessage store(long session, String author, Long authorId, String clientId, String body) {
		Instant now = clock.instant();
		Optional<Long> inserted = jdbc.sql("""
				insert into chat_message (session_id, author, author_id, client_id, body, created_at)
				values (?, ?, ?, ?, ?, ?) on conflict (session_id, author, client_id) do nothing returning id""")
			.params(session, author, authorId, clientId, body, Timestamp.from(now)).query(Long.class).optional();
		if (inserted.isPresent()) {
			return new ChatMessage(inserted.get(), author, author.equals("agent") ? agentName(authorId) : "", clientId,
					body, now);
		}
		// sent before: the stored one, as it was first acknowledged
		return jdbc.sql("""
				select id, author, client_id, body, created_at from chat_message
				where session_id = ? and author = ? and client_id = ?""")
			.params(session, author, clientId)
			.query((rs, n) -> new ChatMessage(rs.getLong(1), rs.getString(2),
					author.equals("agent") ? agentName(authorId) : "", rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()))
			.single();
	}

	private void insert(long session, String author, Long authorId, String clientId, String body, Instant at) {
		jdbc.sql("""
				insert into chat_message (session_id, author, author_id, client_id, body, created_at)
				values (?, ?, ?, ?, ?, ?) on conflict (session_id, author, client_id) do nothing""")
			.params(session, author, authorId, clientId, body, Timestamp.from(at)).update();
	}

	private String agentName(Long agent) {
		if (agent == null) {
			return "";
		}
		return users.find(new UserId(agent)).map(u -> u.displayName()).orElse("");
	}

	private void toVisitor(UUID publicId, String kind, Map<String, Object> payload) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("kind", kind);
		message.putAll(payload);
		messaging.convertAndSendToUser(ChatSockets.principal(publicId), VISITOR_QUEUE, message);
	}

	private static Map<String, Object> payload(long session, ChatMessage m) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("chat", session);
		p.put("message", message(m));
		return p;
	}

	static Map<String, Object> message(ChatMessage m) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("id", m.id());
		p.put("author", m.author());
		p.put("authorName", m.authorName());
		p.put("clientId", m.clientId());
		p.put("body", m.body());
		p.put("at", m.at().toString());
		return p;
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

	private static String text(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("validation.required", "text");
		}
		if (text.length() > 4000) {
			throw new InvalidInputException("validation.too-long", "text", 4000);
		}
		return text.strip();
	}

	private static String visitorId(String id) {
		if (id == null || !VISITOR_ID.matcher(id).matches()) {
			throw new InvalidInputException("chat.visitor-invalid");
		}
		return id;
	}

	private static String clientId(String id) {
		if (id == null || !CLIENT_ID.matcher(id).matches()) {
			throw new InvalidInputException("chat.client-id-invalid");
		}
		return id;
	}

	private static String subject(String text) {
		String line = text.strip().lines().findFirst().orElse("").strip();
		return line.length() > 60 ? line.substring(0, 60) + "…" : line;
	}

	private static String limit(String value, int max) {
		return value.length() > max ? value.substring(0, max) : value;
	}

	private static String randomKey() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
