package org.kefu.identity;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

/** Teams (班组) by service stage, their sub-groups and members. */
@Service
@Transactional(readOnly = true)
public class Teams {

	private final TeamRepository teams;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final Directory directory;

	Teams(TeamRepository teams, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, Directory directory) {
		this.teams = teams;
		this.directory = directory;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** A team with its members, as the team page shows it. */
	public record TeamView(TeamSummary team, String parentName, String description, List<UserSummary> members,
			Set<Long> leads) {
	}

	/** All teams, from a short cache: pages and the API name teams on every request. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<TeamSummary> all() {
		return directory.teams(() -> jdbc.sql("""
				select id, name, stage, parent_id, active from identity_team order by stage, name""")
			.query((rs, n) -> new TeamSummary(new TeamId(rs.getLong(1)), rs.getString(2),
					ServiceStage.ofCode(rs.getString(3)), TeamId.of((Long) rs.getObject(4)), rs.getBoolean(5)))
			.list());
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<TeamSummary> find(TeamId id) {
		return id == null ? Optional.empty() : all().stream().filter(t -> t.id().equals(id)).findFirst();
	}



	public List<TeamView> overview() {
		List<Team> all = teams.findAllByOrderByStageAscNameAsc();
		Map<Long, String> names = all.stream().collect(Collectors.toMap(Team::id, Team::name));
		Map<Long, List<UserSummary>> members = new HashMap<>();
		Map<Long, Set<Long>> leads = new HashMap<>();
		jdbc.sql("""
				select m.team_id, u.id, u.username, u.display_name, u.enabled, m.lead from identity_team_member m
				join identity_user u on u.id = m.user_id order by u.display_name""")
			.query((rs, n) -> {
				long team = rs.getLong(1);
				members.computeIfAbsent(team, k -> new java.util.ArrayList<>())
					.add(new UserSummary(new UserId(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
				if (rs.getBoolean(6)) {
					leads.computeIfAbsent(team, k -> new TreeSet<>()).add(rs.getLong(2));
				}
				return null;
			}).list();
		return all.stream()
			.map(t -> new TeamView(t.summary(), t.parentId() == null ? null : names.get(t.parentId()), t.description(),
					members.getOrDefault(t.id(), List.of()), leads.getOrDefault(t.id(), Set.of())))
			.toList();
	}

	public List<UserSummary> members(TeamId team) {
		return jdbc.sql("""
				select u.id, u.username, u.display_name, u.enabled from identity_team_member m
				join identity_user u on u.id = m.user_id where m.team_id = ? order by u.display_name""")
			.param(team.value())
			.query((rs, n) -> new UserSummary(new UserId(rs.getLong(1)), rs.getString(2), rs.getString(3),
					rs.getBoolean(4)))
			.list();
	}

	/** The ids of a team's members, or null for no team (everyone): for filtering boards by team. */
	public java.util.Set<Long> memberIds(Long team) {
		return team == null ? null
				: members(new TeamId(team)).stream().map(u -> u.id().value()).collect(java.util.stream.Collectors.toSet());
	}

	/** Every active user's teams, for routing work to members. */
	public java.util.Map<Long, java.util.Set<Long>> teamsByUser() {
		java.util.Map<Long, java.util.Set<Long>> teams = new java.util.HashMap<>();
		jdbc.sql("select user_id, team_id from identity_team_member")
			.query(rs -> {
				teams.computeIfAbsent(rs.getLong(1), k -> new java.util.HashSet<>()).add(rs.getLong(2));
			});
		return teams;
	}

	/** The teams a user belongs to, lowest id first. */
	public List<TeamId> teamsOf(UserId user) {
		return jdbc.sql("select team_id from identity_team_member where user_id = ? order by team_id")
			.param(user.value())
			.query((rs, n) -> new TeamId(rs.getLong(1)))
			.list();
	}

	/** The team's leads (班长/组长), who hear of its breaches and escalations. */
	public List<UserId> leads(TeamId team) {
		return jdbc.sql("""
				select m.user_id from identity_team_member m join identity_user u on u.id = m.user_id
				where m.team_id = ? and m.lead and u.enabled order by m.user_id""")
			.param(team.value())
			.query((rs, n) -> new UserId(rs.getLong(1)))
			.list();
	}

	public boolean isMember(UserId user, TeamId team) {
		return jdbc.sql("select count(*) from identity_team_member where user_id = ? and team_id = ?")
			.params(user.value(), team.value()).query(Integer.class).single() > 0;
	}

	@Transactional
	public TeamId create(String name, ServiceStage stage, TeamId parent, String description, Actor by) {
		String trimmed = checkName(name, null);
		if (stage == null) {
			throw new InvalidInputException("validation.required", "stage");
		}
		Long parentId = parent == null ? null : load(parent).id();
		Team team = teams.save(new Team(trimmed, stage, parentId, blankToNull(description), clock.instant()));
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", trimmed);
		values.put("stage", stage.code());
		values.put("parent", parentId);
		events.publishEvent(new TeamChanged(new TeamId(team.id()), "created", Map.of(), values, by));
		return new TeamId(team.id());
	}

	@Transactional
	public void update(TeamId id, String name, ServiceStage stage, TeamId parent, String description, boolean active,
			Actor by) {
		Team team = load(id);
		String trimmed = checkName(name, team.id());
		Long parentId = parent == null ? null : load(parent).id();
		if (parentId != null && createsCycle(team.id(), parentId)) {
			throw new InvalidInputException("identity.team.parent-cycle");
		}
		Changes changes = new Changes();
		changes.record("name", team.name(), trimmed);
		changes.record("stage", team.stage().code(), stage.code());
		changes.record("parent", team.parentId(), parentId);
		changes.record("description", team.description(), blankToNull(description));
		changes.record("active", team.active(), active);
		if (changes.isEmpty()) {
			return;
		}
		team.describe(trimmed, stage, parentId, blankToNull(description), active);
		events.publishEvent(new TeamChanged(id, "updated", changes.before(), changes.after(), by));
	}

	@Transactional
	public void setMembers(TeamId id, Set<Long> members, Set<Long> leads, Actor by) {
		Team team = load(id);
		Set<Long> before = new TreeSet<>(jdbc.sql("select user_id from identity_team_member where team_id = ?")
			.param(team.id()).query(Long.class).list());
		Set<Long> leadsBefore = new TreeSet<>(jdbc
			.sql("select user_id from identity_team_member where team_id = ? and lead").param(team.id())
			.query(Long.class).list());
		Set<Long> after = new TreeSet<>(members);
		Set<Long> leadsAfter = new TreeSet<>(leads);
		leadsAfter.retainAll(after);
		if (before.equals(after) && leadsBefore.equals(leadsAfter)) {
			return;
		}
		jdbc.sql("delete from identity_team_member where team_id = ?").param(team.id()).update();
		for (Long user : after) {
			jdbc.sql("insert into identity_team_member (team_id, user_id, lead) values (?, ?, ?)")
				.params(team.id(), user, leadsAfter.contains(user)).update();
		}
		events.publishEvent(new TeamChanged(id, "members_changed", Map.of("members", before, "leads", leadsBefore),
				Map.of("members", after, "leads", leadsAfter), by));
	}

	private boolean createsCycle(long team, long parent) {
		Long current = parent;
		int depth = 0;
		while (current != null && depth++ < 50) {
			if (current == team) {
				return true;
			}
			current = teams.findById(current).map(Team::parentId).orElse(null);
		}
		return false;
	}

	private String checkName(String name, Long self) {
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("validation.required", "name");
		}
		String trimmed = name.trim();
		boolean taken = teams.findAll().stream()
			.anyMatch(t -> t.name().equalsIgnoreCase(trimmed) && !t.id().equals(self));
		if (taken) {
			throw new ConflictException("identity.team.name-taken", trimmed);
		}
		return trimmed;
	}

	private Team load(TeamId id) {
		return teams.findById(id.value()).orElseThrow(() -> new NotFoundException("identity.team.not-found", id.value()));
	}


	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
