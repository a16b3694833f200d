package org.kefu.wallboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.kefu.adherence.Adherence;
import org.kefu.agentstate.AgentState;
import org.kefu.agentstate.AgentStates;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.routing.Routing;
import org.kefu.routing.Routing.Served;
import org.kefu.workforce.ContactHistory;
import org.kefu.workforce.Forecasts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Service;

/** What the wallboard shows, read fresh each time (every few seconds from the screen). */
@Service
public class Wallboard {

	private final Routing routing;
	private final AgentStates states;
	private final Adherence adherence;
	private final Forecasts forecasts;
	private final ContactHistory history;
	private final Teams teams;
	private final Targets targets;
	private final Clock clock;

	Wallboard(Routing routing, AgentStates states, Adherence adherence, Forecasts forecasts, ContactHistory history,
			Teams teams, Targets targets, Clock clock) {
		this.routing = routing;
		this.states = states;
		this.adherence = adherence;
		this.forecasts = forecasts;
		this.history = history;
		this.teams = teams;
		this.targets = targets;
		this.clock = clock;
	}

	/** Answer-time targets per channel in seconds: phone 20, chat 30 unless configured. */
	@ConfigurationProperties("kefu.wallboard")
	public record Targets(Map<String, Long> targetSeconds) {

		public Targets {
			targetSeconds = targetSeconds == null || targetSeconds.isEmpty()
					? Map.of("phone", 20L, "chat", 30L, "im", 60L, "web", 3600L, "email", 3600L)
					: Map.copyOf(targetSeconds);
		}
	}

	public record Channel(String channel, long targetSeconds, int waiting, long longestWaitSeconds, int arrived,
			int answered, int abandoned, Double serviceLevel, Double abandonRate, double forecastSoFar,
			double actualSoFar, double forecastDay) {
	}

	public record Board(Instant at, Long team, String teamName, List<Channel> channels, Map<String, Integer> agents,
			int outOfAdherence, int waiting, long longestWaitSeconds, Double serviceLevel, Double abandonRate) {
	}

	public Board board(Long team) {
		Instant now = clock.instant();
		ZoneId zone = history.zone();
		LocalDate today = LocalDate.ofInstant(now, zone);
		Instant midnight = today.atStartOfDay(zone).toInstant();
		int slotNow = (int) ((now.getEpochSecond() - midnight.getEpochSecond()) / 1800);
		Map<String, double[]> forecast = forecasts.forDay(today);
		Map<String, Served> served = routing.served(midnight, team, targets.targetSeconds()).stream()
			.collect(Collectors.toMap(Served::channel, s -> s));
		Set<String> channels = new java.util.TreeSet<>(served.keySet());
		channels.addAll(forecast.keySet());
		channels.addAll(List.of("phone", "chat"));
		List<Channel> rows = new ArrayList<>();
		int waiting = 0;
		long longest = 0;
		int answered = 0;
		int inTarget = 0;
		int abandoned = 0;
		int arrived = 0;
		for (String channel : channels) {
			Served s = served.getOrDefault(channel, new Served(channel, 0, 0, 0, 0, 0, 0));
			double[] planned = forecast.get(channel);
			double forecastSoFar = 0;
			double forecastDay = 0;
			if (planned != null) {
				for (int i = 0; i < planned.length; i++) {
					forecastDay += planned[i];
					if (i < slotNow) {
						forecastSoFar += planned[i];
					}
				}
			}
			double[] actual = history.days(channel, today, today).getOrDefault(today, new double[ContactHistory.SLOTS]);
			double actualSoFar = 0;
			for (double v : actual) {
				actualSoFar += v;
			}
			int decided = s.answered() + s.abandoned();
			rows.add(new Channel(channel, targets.targetSeconds().getOrDefault(channel, 60L), s.waiting(),
					s.longestWaitSeconds(), s.arrived(), s.answered(), s.abandoned(),
					decided == 0 ? null : (double) s.answeredInTarget() / decided,
					s.arrived() == 0 ? null : (double) s.abandoned() / s.arrived(), forecastSoFar, actualSoFar, forecastDay));
			waiting += s.waiting();
			longest = Math.max(longest, s.longestWaitSeconds());
			answered += s.answered();
			inTarget += s.answeredInTarget();
			abandoned += s.abandoned();
			arrived += s.arrived();
		}
		Set<Long> members = teams.memberIds(team);
		Map<AgentState, Integer> byState = new EnumMap<>(AgentState.class);
		for (AgentState state : AgentState.values()) {
			byState.put(state, 0);
		}
		states.all().stream().filter(v -> members == null || members.contains(v.user()))
			.forEach(v -> byState.merge(v.state(), 1, Integer::sum));
		Map<String, Integer> agents = new LinkedHashMap<>();
		byState.forEach((state, n) -> agents.put(state.code(), n));
		int out = (int) adherence.now(team).stream().filter(a -> !a.inAdherence()).count();
		String teamName = team == null ? null
				: teams.find(new TeamId(team)).map(t -> t.name()).orElse("#" + team);
		int decided = answered + abandoned;
		return new Board(now, team, teamName, rows, agents, out, waiting, longest,
				decided == 0 ? null : (double) inTarget / decided, arrived == 0 ? null : (double) abandoned / arrived);
	}
}
