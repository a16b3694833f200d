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
	private final Cache<String, List<BusinessType>> cache = Caffeine.newBuilder()
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
