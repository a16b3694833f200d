package org.kefu.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.kefu.platform.Locales;
import org.kefu.shared.Actor;
import org.kefu.shared.Changes;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who work in the center: who they are, which roles and teams they have, which skills.
 * Other modules read names and ids here; administrators create and change users here.
 */
@Service
@Transactional(readOnly = true)
public class Users {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
	static final int MIN_PASSWORD_LENGTH = 8;

	private final UserRepository users;
	private final RoleRepository roles;
	private final TeamRepository teams;
	private final JdbcClient jdbc;
	private final PasswordEncoder passwords;
	private final Directory directory;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final Skills skills;

	Users(UserRepository users, RoleRepository roles, TeamRepository teams, JdbcClient jdbc,
			PasswordEncoder passwords, Directory directory, ApplicationEventPublisher events, Clock clock,
			Skills skills) {
		this.skills = skills;
		this.users = users;
		this.roles = roles;
		this.teams = teams;
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.directory = directory;
		this.events = events;
		this.clock = clock;
	}

	// ---- what other modules read

	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<UserSummary> find(UserId id) {
		if (id == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(directory.summary(id.value(), key -> summaries(List.of(key)).get(key)));
	}

	public Optional<UserSummary> findByUsername(String username) {
		return users.findByUsername(username).map(Users::summaryOf);
	}

	/** Names for many users at once, as a list page needs them. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Map<UserId, UserSummary> find(Collection<UserId> ids) {
		Map<UserId, UserSummary> found = new HashMap<>();
		List<Long> missing = new ArrayList<>();
		for (UserId id : new HashSet<>(ids)) {
			if (id == null) {
				continue;
			}
			UserSummary cached = directory.cachedSummary(id.value());
			if (cached != null) {
				found.put(id, cached);
			}
			else {
				missing.add(id.value());
			}
		}
		if (!missing.isEmpty()) {
			summaries(missing).values().forEach(summary -> {
				directory.put(summary);
				found.put(summary.id(), summary);
			});
		}
		return found;
	}

	/** Where to reach a user by mail, and in which language. */
	public record MailContact(UserId id, String email, Locale locale) {
	}

	/** The enabled users among these who have an email address. */
	public List<MailContact> mailContacts(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select id, email, locale from identity_user where id = any(?) and enabled and email is not null")
			.param(ids.toArray(Long[]::new))
			.query((rs, n) -> new MailContact(new UserId(rs.getLong(1)), rs.getString(2),
					rs.getString(3) == null ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(rs.getString(3))))
			.list();
	}

	/** Users who can be given work, by name. */
	public List<UserSummary> active() {
		return users.findAllByOrderByDisplayNameAsc().stream().filter(UserAccount::enabled).map(Users::summaryOf)
			.toList();
	}

	/**
	 * The user as a request sees them: current permissions and teams. Read on every request, so it
	 * comes from the directory cache and needs no transaction.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<CurrentUser> currentUser(long id) {
		return Optional.ofNullable(directory.current(id, this::loadCurrentUser));
	}

	// ---- administration

	public List<UserProfile> list(Locale locale) {
		List<UserAccount> all = users.findAllByOrderByDisplayNameAsc();
		Map<Long, List<TeamSummary>> teamsByUser = teamsByUser();
		return all.stream().map(u -> profileOf(u, locale, teamsByUser.getOrDefault(u.id(), List.of()), List.of()))
			.toList();
	}

	public UserProfile profile(UserId id, Locale locale) {
		UserAccount user = load(id);
		return profileOf(user, locale, teamsByUser().getOrDefault(user.id(), List.of()), skills.of(user.id(), locale));
	}

	@Transactional
	public UserId create(NewUser request, Actor by) {
		String username = request.username() == null ? "" : request.username().trim();
		if (!USERNAME.matcher(username).matches()) {
			throw new InvalidInputException("identity.user.username-invalid", username);
		}
		if (users.findByUsername(username).isPresent()) {
			throw new ConflictException("identity.user.username-taken", username);
		}
		String displayName = required(request.displayName(), "displayName");
		checkPassword(username, request.password());
		Set<Role> granted = rolesFor(request.roles());
		Instant now = clock.instant();
		UserAccount user = new UserAccount(username, displayName, passwords.encode(request.password()), now);
		user.describe(displayName, email(request.email()), blankToNull(request.phone()), now);
		user.assignRoles(granted, now);
		if (request.locale() != null) {
			user.speak(request.locale(), now);
		}
		users.saveAndFlush(user);
		replaceTeams(user.id(), request.teams());
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("username", username);
		values.put("displayName", displayName);
		values.put("email", user.email());
		values.put("phone", user.phone());
		values.put("roles", new TreeSet<>(request.roles()));
		values.put("teams", new TreeSet<>(request.teams()));
		events.publishEvent(new UserCreated(new UserId(user.id()), values, by));
		return new UserId(user.id());
	}

	@Transactional
	public void update(UserId id, UserEdit edit, Actor by) {
		UserAccount user = load(id);
		Set<Role> granted = rolesFor(edit.roles());
		Set<String> rolesBefore = codes(user.roles());
		Set<Long> teamsBefore = teamIdsOf(user.id());
		boolean wasAdministrator = rolesBefore.contains(Role.ADMINISTRATOR);
		if (wasAdministrator && !edit.roles().contains(Role.ADMINISTRATOR) && user.enabled()
				&& users.countEnabledAdministrators() <= 1) {
			throw new ConflictException("identity.user.last-administrator");
		}
		Changes changes = new Changes();
		String displayName = required(edit.displayName(), "displayName");
		String email = email(edit.email());
		String phone = blankToNull(edit.phone());
		changes.record("displayName", user.displayName(), displayName);
		changes.record("email", user.email(), email);
		changes.record("phone", user.phone(), phone);
		changes.record("roles", new TreeSet<>(rolesBefore), new TreeSet<>(edit.roles()));
		changes.record("teams", new TreeSet<>(teamsBefore), new TreeSet<>(edit.teams()));
		if (changes.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		user.describe(displayName, email, phone, now);
		user.assignRoles(granted, now);
		replaceTeams(user.id(), edit.teams());
		events.publishEvent(new UserChanged(id, "updated", changes.before(), changes.after(), by));
	}

	@Transactional
	public void setEnabled(UserId id, boolean enabled, Actor by) {
		UserAccount user = load(id);
		if (user.enabled() == enabled) {
			return;
		}
		if (!enabled) {
			if (by.userId() != null && by.userId() == user.id().longValue()) {
				throw new ConflictException("identity.user.cannot-disable-self");
			}
			if (codes(user.roles()).contains(Role.ADMINISTRATOR) && users.countEnabledAdministrators() <= 1) {
				throw new ConflictException("identity.user.last-administrator");
			}
		}
		user.enable(enabled, clock.instant());
		events.publishEvent(new UserChanged(id, enabled ? "enabled" : "disabled", Map.of("enabled", !enabled),
				Map.of("enabled", enabled), by));
	}

	/** An administrator sets a new password for a user, such as one who forgot theirs. */
	@Transactional
	public void resetPassword(UserId id, String password, Actor by) {
		UserAccount user = load(id);
		checkPassword(user.username(), password);
		user.changePassword(passwords.encode(password), clock.instant());
		events.publishEvent(new UserChanged(id, "password_reset", Map.of(), Map.of(), by));
	}

	/** A user changes their own password, proving they know the current one. */
	@Transactional
	public void changeOwnPassword(UserId id, String current, String next, Actor by) {
		UserAccount user = load(id);
		if (current == null || !passwords.matches(current, user.passwordHash())) {
			throw new InvalidInputException("identity.password.current-wrong");
		}
		checkPassword(user.username(), next);
		user.changePassword(passwords.encode(next), clock.instant());
		events.publishEvent(new UserChanged(id, "password_changed", Map.of(), Map.of(), by));
	}

	/** The language the user wants Kefu in; it follows them from browser to browser. */
	@Transactional
	public void speak(UserId id, Locale locale) {
		UserAccount user = load(id);
		Locale supported = locale == null ? null : Locales.parse(locale.toLanguageTag());
		user.speak(supported, clock.instant());
		directory.forgetAll();
	}

	// ---- inside

	UserAccount load(UserId id) {
		return users.findById(id.value()).orElseThrow(() -> new NotFoundException("identity.user.not-found", id.value()));
	}

	private CurrentUser loadCurrentUser(long id) {
		return jdbc.sql("select id, username, display_name, locale, enabled from identity_user where id = ?")
			.param(id)
			.query((rs, n) -> new CurrentUser(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getString(4) == null ? null : Locale.forLanguageTag(rs.getString(4)), rs.getBoolean(5),
					permissionsOf(id), teamIdsOf(id)))
			.optional()
			.orElse(null);
	}

	/** What a user's roles allow; an administrator may do everything, new permissions included. */
	private Set<String> permissionsOf(long userId) {
		boolean administrator = jdbc.sql("""
				select count(*) from identity_user_role ur join identity_role r on r.id = ur.role_id
				where ur.user_id = ? and r.code = ?""")
			.params(userId, Role.ADMINISTRATOR).query(Integer.class).single() > 0;
		if (administrator) {
			Set<String> all = new HashSet<>();
			for (Permission p : Permission.values()) {
				all.add(p.code());
			}
			return all;
		}
		return new HashSet<>(jdbc.sql("""
				select distinct p.permission from identity_user_role ur
				join identity_role_permission p on p.role_id = ur.role_id where ur.user_id = ?""")
			.param(userId).query(String.class).list());
	}

	/** The enabled users whose roles allow something, such as receiving account change notices. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<UserSummary> withPermission(Permission permission) {
		return jdbc.sql("""
				select distinct u.id, u.username, u.display_name, u.enabled from identity_user u
				join identity_user_role ur on ur.user_id = u.id join identity_role r on r.id = ur.role_id
				left join identity_role_permission p on p.role_id = r.id and p.permission = ?
				where u.enabled and (p.permission is not null or r.code = ?) order by u.display_name""")
			.params(permission.code(), Role.ADMINISTRATOR)
			.query((rs, n) -> new UserSummary(new UserId(rs.getLong(1)), rs.getString(2), rs.getString(3),
					rs.getBoolean(4)))
			.list();
	}

	/** The enabled users holding a role, such as the site supervisors an escalation reaches. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<UserSummary> withRole(String role) {
		return jdbc.sql("""
				select u.id, u.username, u.display_name, u.enabled from identity_user u
				join identity_user_role ur on ur.user_id = u.id join identity_role r on r.id = ur.role_id
				where u.enabled and r.code = ? order by u.display_name""")
			.param(role)
			.query((rs, n) -> new UserSummary(new UserId(rs.getLong(1)), rs.getString(2), rs.getString(3),
					rs.getBoolean(4)))
			.list();
	}

	private Map<Long, UserSummary> summaries(Collection<Long> ids) {
		Map<Long, UserSummary> found = new HashMap<>();
		jdbc.sql("select id, username, display_name, enabled from identity_user where id = any(?)")
			.param(ids.toArray(Long[]::new))
			.query((rs, n) -> new UserSummary(new UserId(rs.getLong(1)), rs.getString(2), rs.getString(3),
					rs.getBoolean(4)))
			.list()
			.forEach(u -> found.put(u.id().value(), u));
		return found;
	}

	private static UserSummary summaryOf(UserAccount user) {
		return new UserSummary(new UserId(user.id()), user.username(), user.displayName(), user.enabled());
	}

	private UserProfile profileOf(UserAccount user, Locale locale, List<TeamSummary> teams,
			List<UserProfile.AgentSkill> skills) {
		List<Role> sorted = user.roles().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
		return new UserProfile(new UserId(user.id()), user.username(), user.displayName(), user.email(), user.phone(),
				user.locale(), user.enabled(), user.createdAt(), codes(user.roles()),
				sorted.stream().map(r -> r.name(locale)).toList(), teams, skills);
	}


	private Map<Long, List<TeamSummary>> teamsByUser() {
		Map<Long, TeamSummary> all = teams.findAll().stream()
			.collect(Collectors.toMap(Team::id, Team::summary));
		Map<Long, List<TeamSummary>> byUser = new HashMap<>();
		jdbc.sql("select user_id, team_id from identity_team_member").query((rs, n) -> {
			TeamSummary team = all.get(rs.getLong(2));
			if (team != null) {
				byUser.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(team);
			}
			return null;
		}).list();
		return byUser;
	}

	Set<Long> teamIdsOf(long userId) {
		return new HashSet<>(jdbc.sql("select team_id from identity_team_member where user_id = ?").param(userId)
			.query(Long.class).list());
	}

	private void replaceTeams(long userId, Set<Long> teamIds) {
		Set<Long> known = teams.findAllById(teamIds).stream().map(Team::id).collect(Collectors.toSet());
		for (Long teamId : teamIds) {
			if (!known.contains(teamId)) {
				throw new InvalidInputException("identity.team.not-found", teamId);
			}
		}
		Set<Long> current = teamIdsOf(userId);
		for (Long gone : current) {
			if (!teamIds.contains(gone)) {
				jdbc.sql("delete from identity_team_member where team_id = ? and user_id = ?").params(gone, userId)
					.update();
			}
		}
		for (Long added : teamIds) {
			if (!current.contains(added)) {
				jdbc.sql("insert into identity_team_member (team_id, user_id) values (?, ?)").params(added, userId)
					.update();
			}
		}
	}

	private Set<Role> rolesFor(Set<String> codes) {
		Map<String, Role> all = roles.findAll().stream().collect(Collectors.toMap(Role::code, r -> r));
		Set<Role> granted = new HashSet<>();
		for (String code : codes) {
			Role role = all.get(code);
			if (role == null) {
				throw new InvalidInputException("identity.role.unknown", code,
						String.join(", ", new TreeSet<>(all.keySet())));
			}
			granted.add(role);
		}
		return granted;
	}

	private static Set<String> codes(Set<Role> roles) {
		return roles.stream().map(Role::code).collect(Collectors.toCollection(TreeSet::new));
	}

	static void checkPassword(String username, String password) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw new InvalidInputException("identity.password.too-short", MIN_PASSWORD_LENGTH);
		}
		if (password.length() > 128) {
			throw new InvalidInputException("identity.password.too-long", 128);
		}
		if (password.equalsIgnoreCase(username)) {
			throw new InvalidInputException("identity.password.same-as-username");
		}
	}


	private static String required(String value, String field) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("validation.required", field);
		}
		return value.trim();
	}

	private static String email(String value) {
		String email = blankToNull(value);
		if (email != null && !EMAIL.matcher(email).matches()) {
			throw new InvalidInputException("validation.email", email);
		}
		return email;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
