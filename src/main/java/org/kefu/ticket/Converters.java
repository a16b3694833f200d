package org.kefu.ticket;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.hibernate.search.mapper.pojo.bridge.ValueBridge;
import org.hibernate.search.mapper.pojo.bridge.runtime.ValueBridgeToIndexedValueContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How the ticket's values are written to its columns and its search index. */
public final class Converters {

	private Converters() {
	}

	@Converter
	static class StatusColumn implements AttributeConverter<TicketStatus, String> {

		@Override
		public String convertToDatabaseColumn(TicketStatus status) {
			return status == null ? null : status.code();
		}

		@Override
		public TicketStatus convertToEntityAttribute(String code) {
			return code == null ? null : TicketStatus.ofCode(code);
		}
	}

	@Converter
	static class PriorityColumn implements AttributeConverter<Priority, Short> {

		@Override
		public Short convertToDatabaseColumn(Priority priority) {
			return priority == null ? null : (short) priority.rank();
		}

		@Override
		public Priority convertToEntityAttribute(Short rank) {
			return rank == null ? null : Priority.ofRank(rank);
		}
	}

	@Converter
	static class ChannelColumn implements AttributeConverter<Channel, String> {

		@Override
		public String convertToDatabaseColumn(Channel channel) {
			return channel == null ? null : channel.code();
		}

		@Override
		public Channel convertToEntityAttribute(String code) {
			return code == null ? null : Channel.ofCode(code);
		}
	}

	@Converter
	static class VisibilityColumn implements AttributeConverter<Visibility, String> {

		@Override
		public String convertToDatabaseColumn(Visibility visibility) {
			return visibility == null ? null : visibility.code();
		}

		@Override
		public Visibility convertToEntityAttribute(String code) {
			return code == null ? null : Visibility.valueOf(code.toUpperCase());
		}
	}

	@Converter
	static class AuthorColumn implements AttributeConverter<Author, String> {

		@Override
		public String convertToDatabaseColumn(Author author) {
			return author == null ? null : author.code();
		}

		@Override
		public Author convertToEntityAttribute(String code) {
			return code == null ? null : Author.valueOf(code.toUpperCase());
		}
	}

	/** Custom field values as a JSON object of strings. */
	@Converter
	static class FieldsColumn implements AttributeConverter<Map<String, String>, String> {

		private static final JsonMapper json = JsonMapper.builder().build();
		private static final TypeReference<LinkedHashMap<String, String>> TYPE = new TypeReference<>() {
		};

		@Override
		public String convertToDatabaseColumn(Map<String, String> fields) {
			return json.writeValueAsString(fields == null ? Map.of() : fields);
		}

		@Override
		public Map<String, String> convertToEntityAttribute(String text) {
			return text == null || text.isBlank() ? new LinkedHashMap<>() : json.readValue(text, TYPE);
		}
	}

	public static class StatusBridge implements ValueBridge<TicketStatus, String> {

		public StatusBridge() {
		}

		@Override
		public String toIndexedValue(TicketStatus value, ValueBridgeToIndexedValueContext context) {
			return value == null ? null : value.code();
		}
	}
}
