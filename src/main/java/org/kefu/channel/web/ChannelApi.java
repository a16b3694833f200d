package org.kefu.channel.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.channel.CallEvent;
import org.kefu.channel.Calls;
import org.kefu.channel.ChannelContacts;
import org.kefu.channel.ContactView;
import org.kefu.channel.ImMessages;
import org.kefu.channel.Integration;
import org.kefu.channel.Integrations;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.KefuException;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The channel API: call events from telephony systems, messages from IM adapters — both
 * authenticated by integration token and signature, not by a user — and a ticket's contacts.
 */
@RestController
@Tag(name = "Channels", description = "Call events (CTI), IM messages, and the contacts on a ticket")
class ChannelApi {

	static final String TOKEN = "X-Kefu-Integration";
	static final String TIMESTAMP = "X-Kefu-Timestamp";
	static final String SIGNATURE = "X-Kefu-Signature";

	private final Integrations integrations;
	private final Calls calls;
	private final ImMessages im;
	private final ChannelContacts contacts;
	private final Tickets tickets;
	private final JsonMapper json;

	ChannelApi(Integrations integrations, Calls calls, ImMessages im, ChannelContacts contacts, Tickets tickets,
			JsonMapper json) {
		this.integrations = integrations;
		this.calls = calls;
		this.im = im;
		this.contacts = contacts;
		this.tickets = tickets;
		this.json = json;
	}

	@PostMapping("/api/v1/cti/events")
	@Operation(summary = "A call event from a telephony system", description = """
			Authenticated by the integration, not a user: headers `X-Kefu-Integration: <token>`,
			`X-Kefu-Timestamp: <unix seconds>` and `X-Kefu-Signature: sha256=<hex HMAC-SHA256 of
			"<timestamp>.<body>" with the integration's secret>`; a timestamp more than five minutes off is
			refused. Body: `{"callId","event":"ringing|answered|transferred|ivr|ended|abandoned","from","to",
			"agent"?,"at"?,"ivr"?,"recording"?,"ticket"?}`. Repeated events are taken once. Returns the call.""")
	ContactView call(@Parameter(hidden = true) @RequestHeader(name = TOKEN, required = false) String token,
			@Parameter(hidden = true) @RequestHeader(name = TIMESTAMP, required = false) String timestamp,
			@Parameter(hidden = true) @RequestHeader(name = SIGNATURE, required = false) String signature,
			@RequestBody String body) {
		Integration from = authenticate("cti", token, timestamp, signature, body);
		return calls.take(from, read(body, CallEvent.class));
	}

	@PostMapping("/api/v1/im/messages")
	@Operation(summary = "A message from an IM adapter", description = """
			Authenticated as call events are. Body: `{"externalUserId","name"?,"text","messageId"?,
			"attachments"?:[{"filename","base64"}]}`; the integration names the channel (its source, e.g.
			`wechat`). The sender is recognised by the IM identity `<source>:<externalUserId>`; the message
			continues their open ticket or opens one; the same `messageId` lands once. Agents' public
			replies go back as `im.outbound.<source>` posts to the integration's address, signed the same
			way (`X-Kefu-Signature: sha256=<HMAC of the body>`).""")
	ResponseEntity<ImMessages.Received> message(
			@Parameter(hidden = true) @RequestHeader(name = TOKEN, required = false) String token,
			@Parameter(hidden = true) @RequestHeader(name = TIMESTAMP, required = false) String timestamp,
			@Parameter(hidden = true) @RequestHeader(name = SIGNATURE, required = false) String signature,
			@RequestBody String body) {
		Integration from = authenticate("im", token, timestamp, signature, body);
		ImMessages.Received received = im.receive(from, read(body, ImMessages.Inbound.class));
		return ResponseEntity.status(received.created() ? 201 : 200).body(received);
	}

	@GetMapping("/api/v1/tickets/{id}/contacts")
	@PreAuthorize("hasAuthority('ticket.view')")
	@Operation(summary = "A ticket's contacts (calls, IM conversations) with their channel, first to last")
	List<ContactView> contacts(@PathVariable long id) {
		tickets.summary(new TicketId(id));
		return contacts.of(new TicketId(id));
	}

	private Integration authenticate(String kind, String token, String timestamp, String signature, String body) {
		return integrations.authenticate(kind, token, timestamp, signature, body)
			.orElseThrow(IntegrationRefused::new);
	}

	private <T> T read(String body, Class<T> type) {
		try {
			return json.readValue(body, type);
		}
		catch (JacksonException e) {
			throw new InvalidInputException("api.malformed-json", e.getOriginalMessage());
		}
	}

	/** The request does not come from an active integration, or its signature is wrong or stale. */
	static final class IntegrationRefused extends KefuException {

		IntegrationRefused() {
			super("channel.integration-refused");
		}

		@Override
		public int status() {
			return 401;
		}
	}
}
