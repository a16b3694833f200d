package org.kefu.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;
import org.kefu.ticket.TicketId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guided five-step phone script (seed 003): greeting, recording the problem, first judgement,
 * solution, closing confirmation. What the agent records at each step is kept with the call, on
 * its ticket; a step may be left out, and saving again replaces what was recorded.
 */
@Service
public class CallScripts {

	/** The steps, in order. */
	public static final List<String> STEPS = List.of("greeting", "problem", "judgement", "solution", "closing");

	private final JdbcClient jdbc;
	private final ChannelContacts contacts;
	private final JsonMapper json;

	CallScripts(JdbcClient jdbc, ChannelContacts contacts, JsonMapper json) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.json = json;
	}

	/** Records the steps of a call on the ticket; returns the call. */
	@Transactional
	public ContactView record(TicketId ticket, long call, Map<String, String> steps, Actor by) {
		ContactView contact = contacts.of(ticket).stream().filter(c -> c.id() == call && c.channel().equals("phone"))
			.findFirst().orElseThrow(() -> new NotFoundException("channel.call-not-found", call));
		Map<String, String> recorded = new LinkedHashMap<>();
		for (String step : STEPS) {
			String text = steps.get(step);
			if (text != null && !text.isBlank()) {
				if (text.length() > 4000) {
					throw new InvalidInputException("validation.too-long", step, 4000);
				}
				recorded.put(step, text.strip());
			}
		}
		for (String step : steps.keySet()) {
			if (!STEPS.contains(step)) {
				throw new InvalidInputException("api.invalid-value", "step", step, String.join(", ", STEPS));
			}
		}
		Map<String, Object> script = new LinkedHashMap<>(recorded);
		script.put("by", by.name());
		jdbc.sql("update channel_contact set data = jsonb_set(data, '{script}', cast(? as jsonb)) where id = ?")
			.params(json.writeValueAsString(script), contact.id()).update();
		return contacts.of(ticket).stream().filter(c -> c.id() == call).findFirst().orElseThrow();
	}
}
