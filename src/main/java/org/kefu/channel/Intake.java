package org.kefu.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.kefu.classify.ContactClassifier;
import org.kefu.classify.ContactClassifier.Prediction;
import org.kefu.customer.CustomerId;
import org.kefu.shared.Actor;
import org.kefu.ticket.Author;
import org.kefu.ticket.Channel;
import org.kefu.ticket.NewMessage;
import org.kefu.ticket.NewTicket;
import org.kefu.ticket.Priority;
import org.kefu.ticket.Queues;
import org.kefu.ticket.ReplyOutcome;
import org.kefu.ticket.TicketId;
import org.kefu.ticket.TicketSummary;
import org.kefu.ticket.Tickets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a customer's new contact lands (R-CH-6): on their open ticket when they come back within
 * the window ({@code kefu.channels.continue-within}, seven days by default), whichever channel
 * they came by before; otherwise on a new ticket. A new ticket's business type and team are the
 * classifier's when it is confident; otherwise it lands as an inquiry and waits in triage.
 */
@Service
public class Intake {

	private static final Logger log = LoggerFactory.getLogger(Intake.class);

	private final Tickets tickets;
	private final Queues queues;
	private final ContactClassifier classifier;
	private final Clock clock;
	private final Duration window;

	Intake(Tickets tickets, Queues queues, ContactClassifier classifier, Clock clock,
			@Value("${kefu.channels.continue-within:P7D}") Duration window) {
		this.classifier = classifier;
		this.tickets = tickets;
		this.queues = queues;
		this.clock = clock;
		this.window = window;
	}

	/** Where a contact landed, and whether the ticket is new. */
	public record Landed(TicketId ticket, long number, boolean created, Long message) {
	}

	/** The customer's unsolved ticket updated most recently within the window, if any. */
	public Optional<TicketSummary> continuing(CustomerId customer) {
		List<TicketSummary> recent = queues.ofCustomer(customer, 50);
		return recent.stream()
			.filter(t -> t.status().isUnsolved() && !t.updatedAt().isBefore(clock.instant().minus(window)))
			.max(Comparator.comparing(TicketSummary::updatedAt));
	}

	/** Lands a customer's message: added to the continuing ticket, or opening a new one. */
	@Transactional
	public Landed land(CustomerId customer, Channel channel, String subject, String text, List<Long> attachments,
			Set<String> tags, Actor by) {
		Optional<TicketSummary> open = continuing(customer);
		if (open.isPresent()) {
			ReplyOutcome outcome = tickets.reply(open.get().id(), new NewMessage(text, null,
					Author.CUSTOMER, channel, null, attachments), by);
			return new Landed(outcome.ticket(), outcome.number(), false, outcome.message());
		}
		Optional<Prediction> prediction = classify(subject, text);
		boolean confident = prediction.map(Prediction::confident).orElse(false);
		TicketId id = tickets.open(new NewTicket(subject, text,
				confident ? prediction.get().businessType() : "inquiry", Priority.NORMAL, channel, customer, null, null,
				confident ? prediction.get().teamId() : null, tags, attachments), by);
		prediction.ifPresent(p -> classifier.record(id.value(), p));
		return new Landed(id, tickets.summary(id).number(), true, null);
	}

	/**
	 * What the classifier makes of a new contact; nothing when there is no model — or when it fails,
	 * for a contact must land whatever the classifier does.
	 */
	private Optional<Prediction> classify(String subject, String text) {
		try {
			return classifier.predict(text == null || text.isBlank() ? subject : subject + "\n" + text);
		}
		catch (RuntimeException e) {
			log.warn("Classifying a new contact failed; it lands as an inquiry", e);
			return Optional.empty();
		}
	}

	/** A subject from the first line of a message. */
	static String subject(String text, String fallback) {
		String line = text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
		if (line.isEmpty()) {
			return fallback;
		}
		return line.length() > 60 ? line.substring(0, 60) + "…" : line;
	}
}
