package org.kefu.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.kefu.platform.Locales;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Skills agents have (channels, business types, languages, product lines), each at a level from
 * 1 (learning) to 5 (expert), for routing to use.
 */
@Service
@Transactional(readOnly = true)
public class Skills {

	private final UserRepository users;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	Skills(UserRepository users, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.users = users;
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional
	public void set(UserId id, Map<Long, Integer> levels, Actor by) {
		long user = users.findById(id.value()).map(UserAccount::id)
			.orElseThrow(() -> new NotFoundException("identity.user.not-found", id.value()));
		Map<Long, Integer> before = jdbc.sql("select skill_id, level from identity_agent_skill where user_id = ?")
			.param(user)
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2))).list().stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		Map<Long, Integer> after = new HashMap<>();
		levels.forEach((skill, level) -> {
			if (level != null && level > 0) {
				if (level > 5) {
					throw new InvalidInputException("identity.skill.level-invalid", level);
				}
				after.put(skill, level);
			}
		});
		if (before.equals(after)) {
			return;
		}
		jdbc.sql("delete from identity_agent_skill where user_id = ?").param(user).update();
		after.forEach((skill, level) -> jdbc
			.sql("insert into identity_agent_skill (user_id, skill_id, level) values (?, ?, ?)")
			.params(user, skill, level).update());
		events.publishEvent(new UserChanged(id, "skills_changed", Map.of("skills", new java.util.TreeMap<>(before)),
				Map.of("skills", new java.util.TreeMap<>(after)), by));
	}

	public List<SkillView> all(Locale locale) {
		return jdbc.sql("select id, code, kind, name_zh, name_en from identity_skill order by kind, code")
			.query((rs, n) -> new SkillView(rs.getLong(1), rs.getString(2), rs.getString(3),
					Locales.CHINESE.equals(locale) ? rs.getString(4) : rs.getString(5)))
			.list();
	}

	/** Every agent's skills by code with their level (1–5), for routing. */
	public Map<Long, Map<String, Integer>> levelsByUser() {
		Map<Long, Map<String, Integer>> levels = new HashMap<>();
		jdbc.sql("select a.user_id, s.code, a.level from identity_agent_skill a join identity_skill s on s.id = a.skill_id")
			.query(rs -> {
				levels.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
			});
		return levels;
	}

	/** A skill agents can have: a channel, a business type, a language or a product line. */
	public record SkillView(long id, String code, String kind, String name) {
	}

	List<UserProfile.AgentSkill> of(long userId, Locale locale) {
		return jdbc.sql("""
				select s.id, s.code, s.kind, s.name_zh, s.name_en, a.level from identity_agent_skill a
				join identity_skill s on s.id = a.skill_id where a.user_id = ? order by s.kind, s.code""")
			.param(userId)
			.query((rs, n) -> new UserProfile.AgentSkill(rs.getLong(1), rs.getString(2), rs.getString(3),
					Locales.CHINESE.equals(locale) ? rs.getString(4) : rs.getString(5), rs.getInt(6)))
			.list();
	}
}
