package org.kefu.channel;

import java.util.List;
import java.util.Map;

import org.kefu.ticket.TicketId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The contacts on a ticket, first to last. */
@Service
@Transactional(readOnly = true)
public class ChannelContacts {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	ChannelContacts(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public List<ContactView> of(TicketId ticket) {
		return jdbc.sql(SELECT + " where ticket_id = ? order by started_at, id").param(ticket.value())
			.query(this::map).list();
	}

	/** The IM conversation a ticket's replies go back to: the latest one on the ticket. */
	java.util.Optional<ContactView> conversationOf(TicketId ticket) {
		return of(ticket).stream().filter(c -> c.channel().equals("im")).reduce((a, b) -> b);
	}

	ContactView byExternal(String source, String externalId) {
		return jdbc.sql(SELECT + " where source = ? and external_id = ?").params(source, externalId).query(this::map)
			.optional().orElse(null);
	}

	private static final String SELECT = """
			select id, ticket_id, channel, source, external_id, direction, status, agent_id, started_at, answered_at,
			       ended_at, data::text from channel_contact""";

	private ContactView map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		java.time.Instant started = rs.getTimestamp(9).toInstant();
		java.time.Instant answered = rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant();
		java.time.Instant ended = rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant();
		return new ContactView(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), (Long) rs.getObject(8), started, answered, ended,
				ContactView.duration(started, answered, ended), json.readValue(rs.getString(12), new TypeReference<Map<String, Object>>() {
				}));
	}
}
