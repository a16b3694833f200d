package org.kefu.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexedEmbedded;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.kefu.shared.ConflictException;

/**
 * A work order (工单): one customer issue from its first contact to its closing, with its
 * conversation. It guards its own life cycle: only legal status moves, nothing added to a closed
 * or merged ticket.
 */
@Entity
@Table(name = "ticket")
@Indexed(index = "ticket")
class Ticket {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_id")
	@SequenceGenerator(name = "ticket_id", sequenceName = "ticket_id_seq", allocationSize = 50)
	@DocumentId
	private Long id;

	@GenericField
	private long number;

	@FullTextField(analyzer = "kefu")
	private String subject;

	@Convert(converter = Converters.StatusColumn.class)
	@KeywordField(valueBridge = @org.hibernate.search.mapper.pojo.bridge.mapping.annotation.ValueBridgeRef(
			type = Converters.StatusBridge.class))
	private TicketStatus status;

	@Convert(converter = Converters.PriorityColumn.class)
	private Priority priority;

	@Column(name = "business_type")
	@KeywordField
	private String businessType;

	@Convert(converter = Converters.ChannelColumn.class)
	private Channel channel;

	@Column(name = "customer_id")
	@GenericField
	private long customerId;

	@Column(name = "assignee_id")
	@GenericField
	private Long assigneeId;

	@Column(name = "team_id")
	@GenericField
	private Long teamId;

	private String[] tags = new String[0];

	@Column(name = "merged_into_id")
	private Long mergedIntoId;

	@Column(name = "follow_up_of_id")
	private Long followUpOfId;

	@Column(name = "created_by_id")
	private Long createdById;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	@GenericField(sortable = Sortable.YES)
	private Instant updatedAt;

	@Column(name = "first_replied_at")
	private Instant firstRepliedAt;

	@Column(name = "solved_at")
	private Instant solvedAt;

	@Column(name = "closed_at")
	private Instant closedAt;

	@Convert(converter = Converters.FieldsColumn.class)
	@org.hibernate.annotations.ColumnTransformer(write = "cast(? as jsonb)")
	private Map<String, String> fields = new LinkedHashMap<>();

	@Column(name = "has_attachments")
	private boolean hasAttachments;

	@Version
	private int version;

	@OneToMany(mappedBy = "ticket")
	@OrderBy("createdAt asc, id asc")
	@IndexedEmbedded(includePaths = "body")
	private List<TicketMessage> messages = new ArrayList<>();

	protected Ticket() {
	}

	Ticket(long number, String subject, String businessType, Priority priority, Channel channel, long customerId,
			Long createdById, Instant now) {
		this.number = number;
		this.subject = subject;
		this.businessType = businessType;
		this.priority = priority;
		this.channel = channel;
		this.customerId = customerId;
		this.createdById = createdById;
		this.status = TicketStatus.NEW;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/**
	 * Adds a message. A public reply from an agent opens a new ticket; a customer writing again
	 * brings a pending or solved ticket back to work.
	 */
	TicketMessage add(Author author, Long authorUserId, Long authorCustomerId, Visibility visibility, String body,
			Channel via, Instant now) {
		refuseIfFinal();
		TicketMessage message = new TicketMessage(this, author, authorUserId, authorCustomerId, visibility, body, via,
				now);
		messages.add(message);
		if (author == Author.AGENT && visibility == Visibility.PUBLIC) {
			if (firstRepliedAt == null) {
				firstRepliedAt = now;
			}
			if (status == TicketStatus.NEW) {
				status = TicketStatus.OPEN;
			}
		}
		if (author == Author.CUSTOMER && (status == TicketStatus.PENDING || status == TicketStatus.SOLVED)) {
			status = TicketStatus.OPEN;
			solvedAt = null;
		}
		updatedAt = now;
		return message;
	}

	/** Moves the ticket to another status, if its life cycle allows that move. */
	void moveTo(TicketStatus target, Instant now) {
		if (target == status) {
			return;
		}
		refuseIfMerged();
		if (!status.canMoveTo(target)) {
			throw new ConflictException("ticket.transition-refused", status.code(), target.code(),
					status.next().isEmpty() ? "-" : status.next().stream().map(TicketStatus::code)
						.collect(Collectors.joining(", ")))
				.with("from", status.code())
				.with("to", target.code())
				.with("allowed", status.next().stream().map(TicketStatus::code).toList());
		}
		status = target;
		if (target == TicketStatus.SOLVED) {
			solvedAt = now;
		}
		if (target == TicketStatus.OPEN) {
			solvedAt = null;
		}
		if (target == TicketStatus.CLOSED) {
			closedAt = now;
		}
		updatedAt = now;
	}

	/** Gives the ticket to an agent and/or a team; a new ticket given to an agent is open. */
	void assign(Long assignee, Long team, Instant now) {
		refuseIfFinal();
		this.assigneeId = assignee;
		this.teamId = team;
		if (assignee != null && status == TicketStatus.NEW) {
			status = TicketStatus.OPEN;
		}
		updatedAt = now;
	}

	void prioritise(Priority priority, Instant now) {
		refuseIfFinal();
		this.priority = priority;
		updatedAt = now;
	}

	void classify(String businessType, Instant now) {
		refuseIfFinal();
		this.businessType = businessType;
		updatedAt = now;
	}

	void retitle(String subject, Instant now) {
		refuseIfFinal();
		this.subject = subject;
		updatedAt = now;
	}

	/** Records values of the business type's custom fields (already checked against its definitions). */
	void fill(Map<String, String> values, Instant now) {
		refuseIfFinal();
		this.fields = new LinkedHashMap<>(values);
		updatedAt = now;
	}

	Map<String, String> fields() {
		return new LinkedHashMap<>(fields);
	}

	void tag(Set<String> tags, Instant now) {
		refuseIfFinal();
		this.tags = tags.toArray(String[]::new);
		updatedAt = now;
	}

	/**
	 * Merges this ticket into another: its conversation moves there, and this ticket closes,
	 * pointing at the one that carries on.
	 */
	void mergeInto(Ticket target, Instant now) {
		if (target == this || target.id.equals(id)) {
			throw new ConflictException("ticket.merge-into-itself", number);
		}
		refuseIfFinal();
		target.refuseIfFinal();
		for (TicketMessage message : new ArrayList<>(messages)) {
			message.moveTo(target);
			messages.remove(message);
			target.messages.add(message);
		}
		target.messages.sort(java.util.Comparator.comparing(TicketMessage::createdAt)
			.thenComparing(TicketMessage::id));
		Set<String> union = new LinkedHashSet<>(Arrays.asList(target.tags));
		union.addAll(Arrays.asList(tags));
		target.tags = union.toArray(String[]::new);
		target.updatedAt = now;
		mergedIntoId = target.id;
		status = TicketStatus.CLOSED;
		closedAt = now;
		updatedAt = now;
	}

	/** Marks this ticket as the follow-up of a closed one that the customer wrote to again. */
	void followUp(Ticket closed) {
		this.followUpOfId = closed.id;
		this.assigneeId = closed.assigneeId;
		this.teamId = closed.teamId;
		this.tags = closed.tags.clone();
		this.fields = new LinkedHashMap<>(closed.fields);
	}

	private void refuseIfFinal() {
		refuseIfMerged();
		if (status == TicketStatus.CLOSED) {
			throw new ConflictException("ticket.closed", number);
		}
	}

	private void refuseIfMerged() {
		if (mergedIntoId != null) {
			throw new ConflictException("ticket.merged", number).with("mergedInto", mergedIntoId);
		}
	}

	/** Files were attached to one of this ticket's messages; reading the ticket then also reads the files. */
	void attachmentsAdded() {
		hasAttachments = true;
	}

	boolean hasAttachments() {
		return hasAttachments;
	}

	Long id() {
		return id;
	}

	long number() {
		return number;
	}

	String subject() {
		return subject;
	}

	TicketStatus status() {
		return status;
	}

	Priority priority() {
		return priority;
	}

	String businessType() {
		return businessType;
	}

	Channel channel() {
		return channel;
	}

	long customerId() {
		return customerId;
	}

	Long assigneeId() {
		return assigneeId;
	}

	Long teamId() {
		return teamId;
	}

	Set<String> tags() {
		return new LinkedHashSet<>(Arrays.asList(tags));
	}

	Long mergedIntoId() {
		return mergedIntoId;
	}

	Long followUpOfId() {
		return followUpOfId;
	}

	Long createdById() {
		return createdById;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}

	Instant firstRepliedAt() {
		return firstRepliedAt;
	}

	Instant solvedAt() {
		return solvedAt;
	}

	Instant closedAt() {
		return closedAt;
	}

	List<TicketMessage> messages() {
		return messages;
	}
}
