package org.kefu.chat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.kefu.bot.HandOver;
import org.kefu.channel.Intake;
import org.kefu.customer.ContactDetails;
import org.kefu.customer.CustomerId;
import org.kefu.customer.Customers;
import org.kefu.customer.IdentityType;
import org.kefu.live.Live;
import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.EmailAddress;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.Attachments;
import org.kefu.ticket.AttachmentView;
import org.kefu.ticket.Author;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;
import org.kefu.ticket.Visibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chats from the widget to the agents (R-CH-2): the conversation. A visitor opens a chat with their
 * first message; it lands on a ticket through the channel intake (their open ticket, or a new one)
 * and waits in the {@link ChatQueue}. Messages and files carry the sender's own id, so one sent
 * again after a dropped connection is stored once; the transcript, with the files, goes onto the
 * ticket when the chat ends.
 */
@Service
public class Chats {

	private static final Pattern VISITOR_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final ChatRoom room;
	private final ChatQueue queue;
	private final ChatPresence presence;
	private final Customers customers;
	private final Intake intake;
	private final Tickets tickets;
	private final Attachments attachments;
	private final Live live;
	private final HandOver handOver;
	private final Clock clock;

	Chats(JdbcClient jdbc, ChatRoom room, ChatQueue queue, ChatPresence presence, Customers customers, Intake intake,
			Tickets tickets, Attachments attachments, Live live, HandOver handOver, Clock clock) {
		this.handOver = handOver;
		this.jdbc = jdbc;
		this.room = room;
		this.queue = queue;
		this.presence = presence;
		this.customers = customers;
		this.intake = intake;
		this.tickets = tickets;
		this.attachments = attachments;
		this.live = live;
		this.clock = clock;
	}

	/** A visitor's first message, with who they say they are. */
	public record Opening(String visitorId, String name, String email, String language, String pageUrl, String text,
			String clientId, String botConversation) {

		public Opening(String visitorId, String name, String email, String language, String pageUrl, String text,
				String clientId) {
			this(visitorId, name, email, language, pageUrl, text, clientId, null);
		}
	}

	/** A chat just opened: its id, the visitor's key (given only now), and its place in the queue. */
	public record Started(UUID session, String key, long ticketNumber, int position, long expectedWaitSeconds) {
	}

	@Transactional
	public Started start(Opening opening) {
		String text = text(opening.text());
		String visitorId = visitorId(opening.visitorId());
		String clientId = clientId(opening.clientId());
		String name = opening.name() == null || opening.name().isBlank() ? null : limit(opening.name().strip(), 100);
		String email = opening.email() == null || opening.email().isBlank() ? null
				: EmailAddress.of(opening.email()).value();
		if (!queue.hasRoom()) {
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
		room.store(id, "visitor", null, clientId, text, null);
		UUID conversation = botConversation(opening.botConversation());
		if (conversation != null) {
			handOver.toTicket(conversation, landed.ticket());
		}
		int position = room.get(id).position();
		ChatRoom.afterCommit(() -> {
			queue.changed();
			presence.present().forEach(agent -> live.push(agent, "chat.waiting", Map.of("chat", id)));
		});
		return new Started(publicId, key, landed.number(), position, queue.expectedWait(position));
	}

	private static UUID botConversation(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
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

	/** The visitor's message; the same client id again returns the stored one. Stored in a batch with others. */
	public ChatMessage say(UUID publicId, String key, String clientId, String text) {
		long session = visitorSession(publicId, key);
		return fromVisitor(session, publicId, clientId(clientId), text(text), null);
	}

	/** A file from the visitor (a photo of the fault, an invoice): kept, then shown to both sides. */
	@Transactional
	public ChatMessage sendFile(UUID publicId, String key, String clientId, String filename, InputStream content) {
		long session = visitorSession(publicId, key);
		String id = clientId(clientId);
		openChat(session, publicId);
		var sent = room.sent(session, "visitor", id);
		if (sent.isPresent()) {
			return sent.get();
		}
		AttachmentView file = attachments.store(filename, content, new Actor(null, "chat", null));
		return fromVisitor(session, publicId, id, file.filename(), file.id());
	}

	private ChatRoom.Owner openChat(long session, Object id) {
		ChatRoom.Owner chat = room.owner(session).orElseThrow(() -> new NotFoundException("chat.not-found", id));
		if (chat.status().equals("ended")) {
			throw new ConflictException("chat.ended");
		}
		return chat;
	}

	private ChatMessage fromVisitor(long session, UUID publicId, String clientId, String text, Long file) {
		ChatRoom.Owner chat = openChat(session, publicId);
		ChatMessage message = file == null ? room.storeText(session, "visitor", null, clientId, text)
				: room.store(session, "visitor", null, clientId, text, file);
		ChatRoom.afterCommit(() -> {
			if (chat.agent() != null) {
				live.push(chat.agent(), "chat.message", ChatRoom.payload(session, message));
			}
			room.toVisitor(chat.publicId(), "chat.message", ChatRoom.payload(session, message));
		});
		return message;
	}

	/** The agent's reply in their chat, stored in a batch with others. */
	public ChatMessage reply(long session, Actor agent, String clientId, String text) {
		return fromAgent(room.agentsChat(session, agent), session, agent, clientId(clientId), text(text), null);
	}

	/**
	 * The agent's reply, for callers that must not wait (the agent's live connection): checked now,
	 * stored with the next batch; the future completes, and both sides hear of it, after the commit.
	 */
	public java.util.concurrent.CompletableFuture<ChatMessage> replyLater(long session, Actor agent, String clientId,
			String text) {
		ChatRoom.Owner chat = room.agentsChat(session, agent);
		return room.storeTextLater(session, "agent", agent.userId(), clientId(clientId), text(text))
			.thenApplyAsync(message -> {
				room.toVisitor(chat.publicId(), "chat.message", ChatRoom.payload(session, message));
				live.push(agent.userId(), "chat.message", ChatRoom.payload(session, message));
				return message;
			}, PUSHES);
	}

	/** Who tells both sides of lines stored in a batch, off the thread that stores the next one. */
	private static final java.util.concurrent.ExecutorService PUSHES = java.util.concurrent.Executors
		.newFixedThreadPool(2, Thread.ofPlatform().name("chat-push-", 0).daemon().factory());

	/** A file from the agent (a manual, a label) in their chat. */
	@Transactional
	public ChatMessage replyFile(long session, Actor agent, String clientId, String filename, InputStream content) {
		ChatRoom.Owner chat = room.agentsChat(session, agent);
		String id = clientId(clientId);
		var sent = room.sent(session, "agent", id);
		if (sent.isPresent()) {
			return sent.get();
		}
		AttachmentView file = attachments.store(filename, content, new Actor(null, "chat", null));
		return fromAgent(chat, session, agent, id, file.filename(), file.id());
	}

	private ChatMessage fromAgent(ChatRoom.Owner chat, long session, Actor agent, String clientId, String text,
			Long file) {
		ChatMessage message = file == null ? room.storeText(session, "agent", agent.userId(), clientId, text)
				: room.store(session, "agent", agent.userId(), clientId, text, file);
		ChatRoom.afterCommit(() -> {
			room.toVisitor(chat.publicId(), "chat.message", ChatRoom.payload(session, message));
			live.push(agent.userId(), "chat.message", ChatRoom.payload(session, message));
		});
		return message;
	}

	/** A file of this chat, for the visitor holding its key. */
	public Attachments.StoredFile visitorFile(UUID publicId, String key, long file) {
		long session = visitorSession(publicId, key);
		room.file(session, file);
		return attachments.open(file);
	}

	/** A file of this chat, for an agent. */
	public Attachments.StoredFile agentFile(long session, long file) {
		room.file(session, file);
		return attachments.open(file);
	}

	/** Someone is typing: passed on, not kept. */
	public void typing(UUID publicId, String key) {
		ChatView chat = room.get(visitorSession(publicId, key));
		if (chat.agent() != null && chat.status().equals("active")) {
			live.push(chat.agent(), "chat.typing", Map.of("chat", chat.id()));
		}
	}

	/** The agent is typing: checked against a few seconds' memory of who has the chat, not the database. */
	public void typing(long session, Actor agent) {
		ChatRoom.Owner owner = room.recentOwner(session);
		if (owner == null || !owner.status().equals("active") || !Objects.equals(owner.agent(), agent.userId())) {
			throw new ConflictException("chat.not-yours", session);
		}
		room.toVisitor(owner.publicId(), "chat.typing", Map.of());
	}

	/** Ends the chat (by the visitor or the agent) and puts the transcript on its ticket. */
	@Transactional
	public void endByVisitor(UUID publicId, String key) {
		end(visitorSession(publicId, key), "visitor", null);
	}

	@Transactional
	public void endByAgent(long session, Actor agent) {
		room.agentsChat(session, agent);
		end(session, "agent", agent);
	}

	private void end(long session, String by, Actor agent) {
		Instant now = clock.instant();
		int ended = jdbc.sql("update chat_session set status = 'ended', ended_at = ?, ended_by = ? where id = ? and status <> 'ended'")
			.params(Timestamp.from(now), by, session).update();
		if (ended == 0) {
			return;
		}
		room.forget(session);
		ChatView chat = room.get(session);
		if (chat.agent() != null) {
			queue.freed(chat.agent());
		}
		StringBuilder transcript = new StringBuilder("[chat] ");
		transcript.append(chat.visitorName() == null ? "visitor" : chat.visitorName()).append(", ")
			.append(chat.createdAt()).append(" – ").append(now).append('\n');
		List<Long> files = new ArrayList<>();
		for (ChatMessage m : room.messages(session, 0)) {
			if (m.author().equals("system")) {
				continue;
			}
			transcript.append('[').append(m.at()).append("] ").append(m.authorName()).append(": ");
			if (m.file() != null) {
				files.add(m.file().id());
				transcript.append("[").append(m.file().filename()).append("]");
			}
			else {
				transcript.append(m.body());
			}
			transcript.append('\n');
		}
		// written by the chat itself: the files are the visitor's and the agents', attached together
		tickets.reply(new TicketId(chat.ticket()), new NewMessage(transcript.toString().strip(), Visibility.INTERNAL,
				Author.SYSTEM, Channel.CHAT, null, files), new Actor(null, agent == null ? "chat" : agent.name(), null));
		ChatRoom.afterCommit(() -> {
			room.toVisitor(chat.publicId(), "chat.ended", Map.of("by", by));
			if (chat.agent() != null) {
				live.push(chat.agent(), "chat.ended", Map.of("chat", session, "by", by));
			}
			queue.changed();
		});
	}

	public List<ChatMessage> messages(long session, long after) {
		return room.messages(session, after);
	}

	public ChatView get(long session) {
		return room.get(session);
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
