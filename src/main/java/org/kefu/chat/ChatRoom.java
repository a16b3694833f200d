package org.kefu.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.kefu.identity.UserId;
import org.kefu.identity.Users;
import org.kefu.platform.AfterCommit;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the queue and the conversation share: reading chats and their lines, storing a line once by
 * its sender's id, who has a chat (remembered for a few seconds, for typing), and telling the
 * visitor over their socket.
 */
@Component
class ChatRoom {

	static final String VISITOR_QUEUE = "/queue/chat";

	private static final String SELECT = """
			select s.id, s.public_id, s.status, s.visitor_name, s.visitor_email, s.customer_id, s.ticket_id,
			  coalesce(t.number, 0),
			  s.agent_id, s.language, s.page_url, s.created_at, s.accepted_at, s.ended_at,
			  case when s.status = 'waiting' then (select count(*) from chat_session w where w.status = 'waiting'
			    and (w.created_at, w.id) <= (s.created_at, s.id)) else 0 end,
			  s.team_id
			from chat_session s left join ticket t on t.id = s.ticket_id""";

	private final JdbcClient jdbc;
	private final Users users;
	private final SimpMessagingTemplate messaging;
	private final ChatWriter writer;
	private final Clock clock;
	private final Cache<Long, Owner> owners = Caffeine.newBuilder().maximumSize(100_000)
		.expireAfterWrite(Duration.ofSeconds(5)).build();

	ChatRoom(JdbcClient jdbc, Users users, SimpMessagingTemplate messaging, ChatWriter writer, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.messaging = messaging;
		this.writer = writer;
		this.clock = clock;
	}

	/** Who has a chat, as the checks before answering need it. */
	record Owner(UUID publicId, Long agent, String status) {
	}

	Optional<Owner> owner(long session) {
		return jdbc.sql("select public_id, agent_id, status from chat_session where id = ?").param(session)
			.query((rs, n) -> {
				long agent = rs.getLong(2);
				boolean noAgent = rs.wasNull();
				return new Owner(rs.getObject(1, UUID.class), noAgent ? null : agent, rs.getString(3));
			})
			.optional();
	}

	/** The owner from a few seconds' memory: for typing, which must not cost a query. */
	Owner recentOwner(long session) {
		return owners.get(session, id -> owner(id).orElse(null));
	}

	/** The chat's owner changed: forget what was remembered. */
	void forget(long session) {
		owners.invalidate(session);
	}

	/** The agent's own active chat, or a conflict. */
	Owner agentsChat(long session, Actor agent) {
		Owner owner = owner(session).orElseThrow(() -> new NotFoundException("chat.not-found", session));
		if (!owner.status().equals("active") || !Objects.equals(owner.agent(), agent.userId())) {
			throw new ConflictException("chat.not-yours", session);
		}
		return owner;
	}

	int activeOf(long agent) {
		return jdbc.sql("select count(*) from chat_session where status = 'active' and agent_id = ?").param(agent)
			.query(Integer.class).single();
	}

	ChatView get(long session) {
		return jdbc.sql(SELECT + " where s.id = ?").param(session).query(this::view).optional()
			.orElseThrow(() -> new NotFoundException("chat.not-found", session));
	}

	List<ChatView> select(String where, Object... params) {
		return jdbc.sql(SELECT + " " + where).params(params).query(this::view).list();
	}

	/** Stores a line once per sender's id; the same id again returns the line stored first. */
	ChatMessage store(long session, String author, Long authorId, String clientId, String body, Long attachment) {
		Instant now = clock.instant();
		Optional<Long> inserted = jdbc.sql("""
				insert into chat_message (session_id, author, author_id, client_id, body, created_at, attachment_id)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (session_id, author, client_id) do nothing returning id""")
			.params(session, author, authorId, clientId, body, Timestamp.from(now), attachment).query(Long.class)
			.optional();
		if (inserted.isPresent() && attachment == null) {
			return new ChatMessage(inserted.get(), author, author.equals("agent") ? agentName(authorId) : "", clientId,
					body, now, null);
		}
		// sent before (the stored one, as it was first acknowledged), or a file, read with its details
		return lines("m.session_id = ? and m.author = ? and m.client_id = ?", session, author, clientId).getFirst();
	}

	/**
	 * Stores a text line with whoever else is sending now, in one batch and one commit (outside a
	 * transaction; inside one, with it).
	 */
	ChatMessage storeText(long session, String author, Long authorId, String clientId, String body) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return store(session, author, authorId, clientId, body, null);
		}
		ChatWriter.Stored stored = writer.write(session, author, authorId, clientId, body);
		return new ChatMessage(stored.id(), author, author.equals("agent") ? agentName(authorId) : "", clientId,
				stored.body(), stored.at(), null);
	}

	/** Stores a text line in the next batch, without waiting: the future completes after its commit. */
	java.util.concurrent.CompletableFuture<ChatMessage> storeTextLater(long session, String author, Long authorId,
			String clientId, String body) {
		String name = author.equals("agent") ? agentName(authorId) : "";
		return writer.submit(session, author, authorId, clientId, body)
			.thenApply(stored -> new ChatMessage(stored.id(), author, name, clientId, stored.body(), stored.at(), null));
	}

	/** The line this sender already sent with this id, if any. */
	Optional<ChatMessage> sent(long session, String author, String clientId) {
		return lines("m.session_id = ? and m.author = ? and m.client_id = ?", session, author, clientId).stream()
			.findFirst();
	}

	List<ChatMessage> messages(long session, long after) {
		return lines("m.session_id = ? and m.id > ?", session, after);
	}

	/** A file sent in this chat; not found for a file of any other chat. */
	ChatMessage.ChatFile file(long session, long attachment) {
		return lines("m.session_id = ? and m.attachment_id = ?", session, attachment).stream()
			.map(ChatMessage::file).filter(Objects::nonNull).findFirst()
			.orElseThrow(() -> new NotFoundException("chat.file-not-found", attachment));
	}

	private List<ChatMessage> lines(String where, Object... params) {
		return jdbc.sql("""
				select m.id, m.author, coalesce(case when m.author = 'visitor' then s.visitor_name end, ''), m.client_id,
				  m.body, m.created_at, m.author_id, a.id, a.filename, a.content_type, a.size
				from chat_message m join chat_session s on s.id = m.session_id
				left join ticket_attachment a on a.id = m.attachment_id
				where\s""" + where + " order by m.id")
			.params(params)
			.query((rs, n) -> {
				String author = rs.getString(2);
				long authorId = rs.getLong(7);
				String name = author.equals("agent") ? agentName(authorId) : rs.getString(3);
				long file = rs.getLong(8);
				ChatMessage.ChatFile attached = rs.wasNull() ? null
						: new ChatMessage.ChatFile(file, rs.getString(9), rs.getString(10), rs.getLong(11));
				return new ChatMessage(rs.getLong(1), author, name, rs.getString(4), rs.getString(5),
						rs.getTimestamp(6).toInstant(), attached);
			})
			.list();
	}

	String agentName(Long agent) {
		if (agent == null) {
			return "";
		}
		return users.find(new UserId(agent)).map(u -> u.displayName()).orElse("");
	}

	void toVisitor(UUID publicId, String kind, Map<String, Object> payload) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("kind", kind);
		message.putAll(payload);
		messaging.convertAndSendToUser(ChatSockets.principal(publicId), VISITOR_QUEUE, message);
	}

	static Map<String, Object> payload(long session, ChatMessage m) {
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
		if (m.file() != null) {
			p.put("file", Map.of("id", m.file().id(), "filename", m.file().filename(), "contentType",
					m.file().contentType(), "size", m.file().size()));
		}
		return p;
	}

	/** Runs once the transaction commits (at once without one): nobody hears of what was rolled back. */
	static void afterCommit(Runnable action) {
		AfterCommit.run(action);
	}

	private ChatView view(ResultSet rs, int n) throws SQLException {
		long agent = rs.getLong(9);
		boolean noAgent = rs.wasNull();
		long team = rs.getLong(16);
		boolean noTeam = rs.wasNull();
		return new ChatView(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), noAgent ? null : agent, rs.getString(10),
				rs.getString(11), rs.getTimestamp(12).toInstant(), instant(rs.getTimestamp(13)),
				instant(rs.getTimestamp(14)), rs.getInt(15), noTeam ? null : team);
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
