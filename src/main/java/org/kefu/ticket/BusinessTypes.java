package org.kefu.ticket;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.kefu.shared.Actor;
import org.kefu.shared.Changes;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The business types tickets are sorted into: the eight of the B2C plan, and whatever an
 * administrator adds. A type in use is deactivated, never deleted.
 */
@Service
@Transactional(readOnly = true)
public class BusinessTypes {

	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{1,39}");

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private static final Pattern FIELD_KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	private final Cache<String, List<BusinessType>> cache = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(30)).build();
	private final Cache<String, List<TicketField>> fieldCache = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(30)).build();

	BusinessTypes(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public List<BusinessType> all() {
		return cache.get("all", k -> jdbc.sql("""
				select code, name_zh, name_en, active, built_in, sort_order from ticket_business_type
				order by sort_order, code""")
			.query((rs, n) -> new BusinessType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
					rs.getBoolean(5), rs.getInt(6)))
			.list());
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public List<BusinessType> active() {
		return all().stream().filter(BusinessType::active).toList();
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<BusinessType> find(String code) {
		return all().stream().filter(t -> t.code().equals(code)).findFirst();
	}

	/** The active business type with this code, or a refusal that lists the valid codes. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public BusinessType require(String code) {
		return find(code).filter(BusinessType::active).orElseThrow(() -> {
			List<String> valid = active().stream().map(BusinessType::code).toList();
			return new InvalidInputException("ticket.business-type-unknown", code, String.join(", ", valid))
				.with("allowed", valid);
		});
	}

	@Transactional
	public BusinessType create(String code, String nameZh, String nameEn, int sortOrder, Actor by) {
		if (code == null || !CODE.matcher(code).matches()) {
			throw new InvalidInputException("ticket.business-type-code-invalid", code);
		}
		if (find(code).isPresent()) {
			throw new ConflictException("ticket.business-type-code-taken", code);
		}
		requireNames(nameZh, nameEn);
		jdbc.sql("insert into ticket_business_type (code, name_zh, name_en, sort_order) values (?, ?, ?, ?)")
			.params(code, nameZh.trim(), nameEn.trim(), sortOrder).update();
		cache.invalidateAll();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("nameZh", nameZh.trim());
		values.put("nameEn", nameEn.trim());
		values.put("sortOrder", sortOrder);
		events.publishEvent(new BusinessTypeChanged(code, "created", Map.of(), values, by));
		return find(code).orElseThrow();
	}

	@Transactional
	public void update(String code, String nameZh, String nameEn, boolean active, int sortOrder, Actor by) {
		BusinessType type = find(code).orElseThrow(() -> new NotFoundException("ticket.business-type-not-found", code));
		requireNames(nameZh, nameEn);
		Changes changes = new Changes().record("nameZh", type.nameZh(), nameZh.trim())
			.record("nameEn", type.nameEn(), nameEn.trim())
			.record("active", type.active(), active)
			.record("sortOrder", type.sortOrder(), sortOrder);
		if (changes.isEmpty()) {
			return;
		}
		if (!active && active().stream().filter(t -> !t.code().equals(code)).count() == 0) {
			throw new ConflictException("ticket.business-type-last-active");
		}
		jdbc.sql("update ticket_business_type set name_zh = ?, name_en = ?, active = ?, sort_order = ? where code = ?")
			.params(nameZh.trim(), nameEn.trim(), active, sortOrder, code).update();
		cache.invalidateAll();
		events.publishEvent(new BusinessTypeChanged(code, "updated", changes.before(), changes.after(), by));
	}

	/** The custom fields of a business type, in their order (switched-off ones included). */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<TicketField> fields(String code) {
		return allFields().stream().filter(f -> f.businessType().equals(code)).toList();
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public List<TicketField> allFields() {
		return fieldCache.get("all", k -> jdbc.sql("""
				select id, business_type, key, label_zh, label_en, kind, options, required, sort_order, active
				from ticket_field order by business_type, sort_order, id""")
			.query((rs, n) -> new TicketField(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), List.of((String[]) rs.getArray(7).getArray()), rs.getBoolean(8),
					rs.getInt(9), rs.getBoolean(10)))
			.list());
	}

	@Transactional
	public TicketField addField(String code, String key, String labelZh, String labelEn, String kind,
			List<String> options, boolean required, int sortOrder, Actor by) {
		find(code).orElseThrow(() -> new NotFoundException("ticket.business-type-not-found", code));
		if (key == null || !FIELD_KEY.matcher(key).matches()) {
			throw new InvalidInputException("ticket.field-key-invalid", key);
		}
		if (fields(code).stream().anyMatch(f -> f.key().equals(key))) {
			throw new ConflictException("ticket.field-key-taken", key);
		}
		List<String> choices = checkField(labelZh, labelEn, kind, options);
		jdbc.sql("""
				insert into ticket_field (business_type, key, label_zh, label_en, kind, options, required, sort_order)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(code, key, labelZh.trim(), labelEn.trim(), kind, choices.toArray(String[]::new), required, sortOrder)
			.update();
		fieldCache.invalidateAll();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("field", key);
		values.put("kind", kind);
		values.put("labelZh", labelZh.trim());
		values.put("labelEn", labelEn.trim());
		values.put("options", choices);
		values.put("required", required);
		events.publishEvent(new BusinessTypeChanged(code, "field_added", Map.of(), values, by));
		return fields(code).stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
	}

	@Transactional
	public void updateField(long id, String labelZh, String labelEn, List<String> options, boolean required,
			int sortOrder, boolean active, Actor by) {
		TicketField field = allFields().stream().filter(f -> f.id() == id).findFirst()
			.orElseThrow(() -> new NotFoundException("ticket.field-not-found", id));
		List<String> choices = checkField(labelZh, labelEn, field.kind(), options);
		Changes changes = new Changes().record("labelZh", field.labelZh(), labelZh.trim())
			.record("labelEn", field.labelEn(), labelEn.trim())
			.record("options", field.options(), choices)
			.record("required", field.required(), required)
			.record("sortOrder", field.sortOrder(), sortOrder)
			.record("active", field.active(), active);
		if (changes.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update ticket_field set label_zh = ?, label_en = ?, options = ?, required = ?, sort_order = ?, active = ?
				where id = ?""")
			.params(labelZh.trim(), labelEn.trim(), choices.toArray(String[]::new), required, sortOrder, active, id)
			.update();
		fieldCache.invalidateAll();
		Map<String, Object> before = new LinkedHashMap<>(changes.before());
		before.put("field", field.key());
		events.publishEvent(new BusinessTypeChanged(field.businessType(), "field_changed", before, changes.after(), by));
	}

	private static List<String> checkField(String labelZh, String labelEn, String kind, List<String> options) {
		if (labelZh == null || labelZh.isBlank() || labelEn == null || labelEn.isBlank()) {
			throw new InvalidInputException("ticket.field-labels-required");
		}
		if (!TicketField.KINDS.contains(kind)) {
			throw new InvalidInputException("api.invalid-value", "kind", kind, String.join(", ", TicketField.KINDS));
		}
		List<String> choices = options == null ? List.of()
				: options.stream().map(String::strip).filter(o -> !o.isEmpty()).distinct().toList();
		if (kind.equals("choice") && choices.isEmpty()) {
			throw new InvalidInputException("ticket.field-options-required");
		}
		return kind.equals("choice") ? choices : List.of();
	}

	/** How many tickets each business type has, for the administration page. */
	public Map<String, Long> usage() {
		return jdbc.sql("select business_type, count(*) from ticket group by business_type")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static void requireNames(String nameZh, String nameEn) {
		if (nameZh == null || nameZh.isBlank() || nameEn == null || nameEn.isBlank()) {
			throw new InvalidInputException("ticket.business-type-names-required");
		}
	}
}
