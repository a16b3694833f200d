package org.kefu.channel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kefu.customer.ContactDetails;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.KefuException;
import org.kefu.ticket.BusinessType;
import org.kefu.ticket.BusinessTypes;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewTicket;
import org.kefu.ticket.Priority;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.Tickets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public web form (R-CH-4): one per active business type, with its fields. A request opens a
 * ticket for the customer found again by email or phone. Protected against spam by a honeypot
 * field people do not see and a limit of submissions per address
 * ({@code kefu.web-form.per-address}, 5 in 10 minutes by default).
 */
@Service
public class WebForms {

	private final JdbcClient jdbc;
	private final BusinessTypes businessTypes;
	private final Tickets tickets;
	private final Clock clock;
	private final int perAddress;
	private final Duration period;

	WebForms(JdbcClient jdbc, BusinessTypes businessTypes, Tickets tickets, Clock clock,
			@Value("${kefu.web-form.per-address:5}") int perAddress,
			@Value("${kefu.web-form.period:PT10M}") Duration period) {
		this.jdbc = jdbc;
		this.businessTypes = businessTypes;
		this.tickets = tickets;
		this.clock = clock;
		this.perAddress = perAddress;
		this.period = period;
	}

	/** A request as the form sends it; {@code website} is the honeypot. */
	public record Request(String name, String email, String phone, String subject, String description,
			Map<String, String> fields, String website) {
	}

	/** What the customer is told: the ticket number, or nothing for a request caught by the honeypot. */
	public record Submitted(Long number) {
	}

	public List<org.kefu.ticket.TicketField> fields(String businessType) {
		return businessTypes.fields(businessType).stream().filter(org.kefu.ticket.TicketField::active).toList();
	}

	public List<BusinessType> forms() {
		return businessTypes.active();
	}

	public BusinessType form(String businessType) {
		return businessTypes.find(businessType).filter(BusinessType::active)
			.orElseThrow(() -> new org.kefu.shared.NotFoundException("channel.form.not-found", businessType));
	}

	@Transactional
	public Submitted submit(String businessType, Request request, String address) {
		BusinessType type = form(businessType);
		String from = address == null ? "unknown" : address;
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("form:" + from).query(Object.class).single();
		int recent = jdbc.sql("select count(*) from channel_form_submission where address = ? and at > ?")
			.params(from, Timestamp.from(clock.instant().minus(period))).query(Integer.class).single();
		if (recent >= perAddress) {
			throw new TooMany(period.toMinutes());
		}
		jdbc.sql("insert into channel_form_submission (address, at) values (?, ?)")
			.params(from, Timestamp.from(clock.instant())).update();
		if (request.website() != null && !request.website().isBlank()) {
			return new Submitted(null);
		}
		if ((request.email() == null || request.email().isBlank()) && (request.phone() == null || request.phone().isBlank())) {
			throw new InvalidInputException("channel.form.contact-missing");
		}
		Actor actor = new Actor(null, "web-form", from);
		TicketId id = tickets.open(new NewTicket(request.subject(), request.description(), type.code(), Priority.NORMAL,
				Channel.FORM, null, new ContactDetails(request.name(), request.email(), request.phone()), null, null,
				Set.of(), List.of(), request.fields()), actor);
		return new Submitted(tickets.summary(id).number());
	}

	/** Too many requests from one address. */
	static final class TooMany extends KefuException {

		TooMany(long minutes) {
			super("channel.form.too-many", minutes);
		}

		@Override
		public int status() {
			return 429;
		}
	}
}
