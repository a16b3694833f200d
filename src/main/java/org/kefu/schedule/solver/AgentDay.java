package org.kefu.schedule.solver;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;

/** One agent on one day of the horizon: the shift they work, or none (a day off). */
@PlanningEntity
public class AgentDay {

	private String id;
	private Agent agent;
	private int day;
	private LocalDate date;
	private boolean leave;
	private boolean preferOff;
	private boolean flexDay;
	private List<ShiftChoice> choices;
	private boolean pinned;
	private int slotsPerDay;
	private int intervals;
	private Demand[] demands;

	@PlanningVariable(allowsUnassigned = true, valueRangeProviderRefs = "choices")
	private ShiftChoice shift;

	AgentDay() {
	}

	public AgentDay(Agent agent, int day, LocalDate date, boolean leave, boolean preferOff, boolean flexDay,
			List<ShiftChoice> all, int slotsPerDay, Demand[] demands) {
		this.id = agent.id() + "/" + day;
		this.agent = agent;
		this.day = day;
		this.date = date;
		this.leave = leave;
		this.preferOff = preferOff;
		this.flexDay = flexDay;
		this.choices = flexDay ? all : all.stream().filter(c -> !c.flexOnly()).toList();
		this.slotsPerDay = slotsPerDay;
		this.demands = demands;
		this.intervals = demands.length / Math.max(1, Roster.queues(demands));
	}

	@ValueRangeProvider(id = "choices")
	public List<ShiftChoice> getChoices() {
		return choices;
	}

	@PlanningPin
	public boolean isPinned() {
		return pinned;
	}

	public void setPinned(boolean pinned) {
		this.pinned = pinned;
	}

	public ShiftChoice getShift() {
		return shift;
	}

	public void setShift(ShiftChoice shift) {
		this.shift = shift;
	}

	public String getId() {
		return id;
	}

	public Agent getAgent() {
		return agent;
	}

	public int getDay() {
		return day;
	}

	public LocalDate getDate() {
		return date;
	}

	public int week() {
		return day / 7;
	}

	public boolean isLeave() {
		return leave;
	}

	public boolean isPreferOff() {
		return preferOff;
	}

	public boolean isWeekend() {
		return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

	/** Minutes from the horizon's first midnight. */
	public int startMinute() {
		return day * 1440 + shift.start();
	}

	public int endMinute() {
		return day * 1440 + shift.end();
	}

	/** The demand of every interval and queue this shift covers inside the horizon. */
	public List<Demand> covers() {
		List<Demand> covered = new ArrayList<>(shift.slots().length * agent.queues().length);
		for (int slot : shift.slots()) {
			int interval = day * slotsPerDay + slot;
			if (interval < intervals) {
				for (int queue : agent.queues()) {
					covered.add(demands[queue * intervals + interval]);
				}
			}
		}
		return covered;
	}

	@Override
	public String toString() {
		return id + "=" + shift;
	}
}
