package org.kefu.identity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Roles and the permission matrix: which role may do what. Administrators read the matrix and
 * change it; a change applies to everyone holding the role from their next request.
 */
@Service
@Transactional(readOnly = true)
public class Roles {

	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{1,63}");

	private final RoleRepository roles;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	Roles(RoleRepository roles, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.roles = roles;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** A role with its permissions and how many users hold it. */
	public record RoleView(long id, String code, String name, String nameZh, String nameEn, boolean builtIn,
			boolean administrator, Set<String> permissions, long holders) {
	}

	public List<RoleView> all(Locale locale) {
		Map<Long, Long> holders = new HashMap<>();
		jdbc.sql("select role_id, count(*) from identity_user_role group by role_id")
			.query((rs, n) -> holders.put(rs.getLong(1), rs.getLong(2))).list();
		return roles.findAllByOrderByIdAsc().stream()
			.map(r -> new RoleView(r.id(), r.code(), r.name(locale), r.nameZh(), r.nameEn(), r.builtIn(),
					r.isAdministrator(), new TreeSet<>(r.permissions()), holders.getOrDefault(r.id(), 0L)))
			.toList();
	}

	public List<Permission> permissions() {
		return Arrays.asList(Permission.values());
	}

	/**
	 * Saves the whole matrix as an administrator ticked it: for each role, the permissions it now has.
	 * Roles not named keep theirs; the administrator role always keeps every permission.
	 */
	@Transactional
	public int saveMatrix(Map<String, Set<String>> grants, Actor by) {
		int changed = 0;
		for (Map.Entry<String, Set<String>> grant : grants.entrySet()) {
			Role role = roles.findByCode(grant.getKey())
				.orElseThrow(() -> new NotFoundException("identity.role.not-found", grant.getKey()));
			for (String code : grant.getValue()) {
				if (Permission.ofCode(code).isEmpty()) {
					throw new InvalidInputException("identity.permission.unknown", code);
				}
			}
			Set<String> before = new TreeSet<>(role.permissions());
			role.permit(grant.getValue());
			Set<String> after = new TreeSet<>(role.permissions());
			if (!before.equals(after)) {
				Set<String> granted = new TreeSet<>(after);
				granted.removeAll(before);
				Set<String> revoked = new TreeSet<>(before);
				revoked.removeAll(after);
				Map<String, Object> was = new LinkedHashMap<>();
				was.put("permissions", before);
				Map<String, Object> now = new LinkedHashMap<>();
				now.put("permissions", after);
				now.put("granted", granted);
				now.put("revoked", revoked);
				events.publishEvent(new RoleChanged(role.code(), "permissions_changed", was, now, by));
				changed++;
			}
		}
		return changed;
	}

	@Transactional
	public String create(String code, String nameZh, String nameEn, Set<String> permissions, Actor by) {
		if (code == null || !CODE.matcher(code).matches()) {
			throw new InvalidInputException("identity.role.code-invalid", code);
		}
		if (roles.findByCode(code).isPresent()) {
			throw new ConflictException("identity.role.code-taken", code);
		}
		if (nameZh == null || nameZh.isBlank() || nameEn == null || nameEn.isBlank()) {
			throw new InvalidInputException("identity.role.names-required");
		}
		Role role = new Role(code, nameZh.trim(), nameEn.trim());
		role.permit(permissions == null ? Set.of() : permissions.stream()
			.filter(p -> Permission.ofCode(p).isPresent()).collect(Collectors.toSet()));
		roles.save(role);
		events.publishEvent(new RoleChanged(code, "created", Map.of(),
				Map.of("nameZh", nameZh, "nameEn", nameEn, "permissions", new TreeSet<>(role.permissions())), by));
		return code;
	}
}
